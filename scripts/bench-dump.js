#!/usr/bin/env node
"use strict";
/*
 * npm run bench:dump — how fast `mailbox-health diagnose` gets through large org dumps.
 *
 * Generates dumps of 2,000 and 20,000 mailboxes (10 alerts each, users and queues, four kinds of
 * profile), then times what the command does with a dump file: parse the JSON, check it, index it,
 * diagnose every mailbox and write the JSON report. Prints mailboxes per second for both sizes and the
 * ratio of the times: ten times the mailboxes in about ten times the time means the run is linear.
 *
 * The command line is compiled into dist/ by `npm ci`; this script compiles it when it is missing.
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const SIZES = [2000, 20000];
const ALERTS_PER_MAILBOX = 10;
const NOW = new Date("2026-11-20T09:00:00Z");

function load() {
  const main = path.join(ROOT, "dist", "cli", "main.js");
  if (!fs.existsSync(main)) {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "cli", "tsconfig.json")], { stdio: "inherit" });
  }
  return {
    readDump: require(path.join(ROOT, "dist", "cli", "dump.js")).parseDump,
    diagnoseDump: require(path.join(ROOT, "dist", "cli", "diagnoseDump.js")).diagnoseDump,
    report: require(path.join(ROOT, "dist", "cli", "report.js")),
    localizerFor: require(path.join(ROOT, "dist", "cli", "strings.js")).localizerFor,
  };
}

/** A GUID from a kind (1 byte) and a number: distinct, stable, valid. */
function guid(kind, n) {
  const hex = n.toString(16).padStart(12, "0");
  return `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${hex}`;
}

const TENANT = "9c1d3e5f-7a2b-4c6d-8e0f-1a3b5c7d9e2f";
const EXO = "https://outlook.office365.com/EWS/Exchange.asmx";
const TEXT_401 = "Email Server Error Code: Http server returned 401 Unauthorized exception.";

/**
 * An org dump with `mailboxes` mailboxes, each with `alertsPerMailbox` alerts. Every tenth mailbox is a
 * queue's; profiles, addresses, approvals and alerts vary so that every rule has work to do.
 */
function makeDump(mailboxes, alertsPerMailbox = ALERTS_PER_MAILBOX) {
  const profiles = [
    { emailserverprofileid: guid(1, 1), name: "Microsoft Exchange Online", servertype: 0, emailservertypename: "Exchange Online", incomingcredentialretrieval: 2, outgoingcredentialretrieval: 2, incomingauthenticationprotocol: 4, outgoingauthenticationprotocol: 4, useautodiscover: true, incomingserverlocation: EXO, outgoingserverlocation: EXO, defaultserverlocation: null, exchangeonlinetenantid: TENANT, usedefaulttenantid: true, statecode: 0 },
    { emailserverprofileid: guid(1, 2), name: "On-premises (Basic)", servertype: 2, emailservertypename: "Exchange Server (Hybrid)", incomingcredentialretrieval: 1, outgoingcredentialretrieval: 1, incomingauthenticationprotocol: 3, outgoingauthenticationprotocol: 3, useautodiscover: false, incomingserverlocation: "https://mail.contoso.com/EWS/Exchange.asmx", outgoingserverlocation: "https://mail.contoso.com/EWS/Exchange.asmx", defaultserverlocation: null, exchangeonlinetenantid: null, usedefaulttenantid: true, statecode: 0 },
    { emailserverprofileid: guid(1, 3), name: "Legacy credentials", servertype: 0, emailservertypename: "Exchange Server", incomingcredentialretrieval: 1, outgoingcredentialretrieval: 1, incomingauthenticationprotocol: 3, outgoingauthenticationprotocol: 3, useautodiscover: false, incomingserverlocation: EXO, outgoingserverlocation: EXO, defaultserverlocation: null, exchangeonlinetenantid: null, usedefaulttenantid: true, statecode: 0 },
    { emailserverprofileid: guid(1, 4), name: "Other tenant", servertype: 0, emailservertypename: "Exchange Online", incomingcredentialretrieval: 2, outgoingcredentialretrieval: 2, incomingauthenticationprotocol: 4, outgoingauthenticationprotocol: 4, useautodiscover: true, incomingserverlocation: EXO, outgoingserverlocation: EXO, defaultserverlocation: null, exchangeonlinetenantid: guid(9, 9), usedefaulttenantid: false, statecode: 0 },
  ];
  const dump = {
    RetrieveCurrentOrganization: { Detail: { TenantId: TENANT, EnvironmentId: guid(2, 1), UniqueName: "unqbench", UrlName: "bench" } },
    organizations: [{ organizationid: guid(3, 1), requireapprovalforuseremail: true, requireapprovalforqueueemail: true }],
    mailboxes: [],
    emailserverprofiles: profiles,
    systemusers: [],
    queues: [],
    tracelogs: [],
  };
  for (let i = 0; i < mailboxes; i++) {
    const queue = i % 10 === 9;
    const owner = guid(queue ? 5 : 4, i);
    const address = `${queue ? "queue" : "user"}${i}@contoso.com`;
    if (queue) dump.queues.push({ queueid: owner, name: `Queue ${i}`, emailaddress: address, statecode: i % 37 === 0 ? 1 : 0 });
    else {
      dump.systemusers.push({
        systemuserid: owner,
        fullname: `User ${i}`,
        internalemailaddress: i % 23 === 0 ? `other${i}@contoso.com` : address,
        isdisabled: i % 41 === 0,
        accessmode: 0,
        azurestate: i % 53 === 0 ? 1 : 0,
        azureactivedirectoryobjectid: guid(6, i),
        applicationid: null,
        isintegrationuser: false,
      });
    }
    const mailboxid = guid(7, i);
    dump.mailboxes.push({
      mailboxid,
      name: `Mailbox ${i}`,
      emailaddress: address,
      statecode: 0,
      incomingemaildeliverymethod: 2,
      outgoingemaildeliverymethod: 2,
      actdeliverymethod: queue ? 2 : 1,
      incomingemailstatus: i % 7 === 0 ? 2 : 1,
      outgoingemailstatus: 1,
      actstatus: queue ? 0 : 1,
      enabledforincomingemail: true,
      enabledforoutgoingemail: true,
      enabledforact: !queue,
      emailrouteraccessapproval: i % 11 === 0 ? 2 : 1,
      isemailaddressapprovedbyo365admin: true,
      testemailconfigurationscheduled: false,
      testmailboxaccesscompletedon: "2026-10-01T08:00:00Z",
      postponemailboxprocessinguntil: i % 13 === 0 ? "2026-11-20T15:00:00Z" : "2026-11-20T09:05:00Z",
      receivingpostponeduntil: null,
      lastsuccessfulsynccompletedon: "2026-11-20T08:55:00Z",
      ewsurl: EXO,
      _regardingobjectid_value: owner,
      "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": queue ? "queue" : "systemuser",
      _emailserverprofile_value: profiles[i % profiles.length].emailserverprofileid,
    });
    for (let a = 0; a < alertsPerMailbox; a++) {
      const minutes = (a * 97 + i) % 100000;
      const when = new Date(NOW.getTime() - minutes * 60000).toISOString();
      dump.tracelogs.push({
        tracelogid: guid(8, i * alertsPerMailbox + a),
        _regardingobjectid_value: mailboxid,
        level: a % 3 === 0 ? 1 : a % 3 === 1 ? 2 : 3,
        text: a % 4 === 0 ? `Email cannot be received for the mailbox Mailbox ${i}. ${TEXT_401}` : `Server-side synchronization retried an item for Mailbox ${i}.`,
        errordetails: a === 5 && i % 17 === 0 ? "NoUserFoundWithGivenClaims" : null,
        createdon: when,
        modifiedon: when,
      });
    }
  }
  return dump;
}

/** What the command does with a dump file, from its text to the JSON report. Returns milliseconds. */
async function timeRun(cli, text, localizer) {
  const start = process.hrtime.bigint();
  const dump = cli.readDump(text, "bench.json");
  const diagnoses = await cli.diagnoseDump(dump, { now: NOW, shownAs: "bench.json" });
  const views = diagnoses.map((d) => cli.report.mailboxView(d, localizer));
  const json = JSON.stringify(cli.report.reportOf(views));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (views.length !== dump.mailboxes.length || json.length === 0) throw new Error("the run did not diagnose every mailbox");
  return ms;
}

async function main() {
  const cli = load();
  const localizer = cli.localizerFor("en");
  // Warm up the JIT on a small dump so that the first measured size is not penalized.
  await timeRun(cli, JSON.stringify(makeDump(500)), localizer);
  const results = [];
  for (const size of SIZES) {
    const text = JSON.stringify(makeDump(size));
    const runs = [];
    for (let i = 0; i < 2; i++) runs.push(await timeRun(cli, text, localizer));
    const ms = Math.min(...runs);
    results.push({ size, ms, bytes: text.length });
    console.log(
      `${size.toLocaleString("en-US").padStart(6)} mailboxes, ${(size * ALERTS_PER_MAILBOX).toLocaleString("en-US").padStart(7)} alerts ` +
        `(${(text.length / 1e6).toFixed(1)} MB): ${ms.toFixed(0).padStart(6)} ms, ${Math.round((size / ms) * 1000).toLocaleString("en-US")} mailboxes/s`,
    );
  }
  const [small, large] = results;
  const ratio = large.ms / small.ms;
  console.log(`time ratio ${large.size / small.size}x mailboxes: ${ratio.toFixed(1)} (linear ≈ ${large.size / small.size})`);
  if (ratio > 2 * (large.size / small.size)) {
    console.error("bench:dump: the run grows faster than the dump: it is not linear");
    process.exitCode = 1;
  }
}

module.exports = { makeDump, ALERTS_PER_MAILBOX };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
