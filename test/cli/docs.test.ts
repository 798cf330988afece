/** @jest-environment node */
/**
 * docs/cli.md shows real output of the demo: each ```console block starts with `$ mailbox-health …`
 * (optionally `| head -N`) and must still be what the command prints, in UTC.
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT, runIn } from "./helpers";

process.env.TZ = "UTC";

const doc = fs.readFileSync(path.join(ROOT, "docs/cli.md"), "utf8");
const blocks = [...doc.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1]);

/** `$ mailbox-health a b | head -3` → the commands of a block and the output each is followed by. */
function commands(block: string): { argv: string[]; head?: number; expected: string }[] {
  const out: { argv: string[]; head?: number; expected: string }[] = [];
  for (const part of block.split(/^\$ /m).slice(1)) {
    const [line, ...rest] = part.split("\n");
    const m = /^mailbox-health (.*?)(?: \| head -(\d+))?$/.exec(line);
    if (!m) throw new Error(`not a mailbox-health command: ${line}`);
    out.push({ argv: m[1].split(" "), head: m[2] ? Number(m[2]) : undefined, expected: rest.join("\n") });
  }
  return out;
}

describe("docs/cli.md", () => {
  it("has examples", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(doc).toContain("npm ci && node bin/mailbox-health.js diagnose --demo");
  });

  it.each(blocks.flatMap(commands).map((c) => [c.argv.join(" "), c] as const))("$ mailbox-health %s", async (_, c) => {
    const r = await runIn(c.argv);
    let text = r.stdout || r.stderr;
    if (c.head !== undefined) text = text.split("\n").slice(0, c.head).join("\n") + "\n";
    expect(text).toBe(c.expected);
  });

  it("documents every option of the help", async () => {
    const help = (await runIn(["--help"])).stdout;
    for (const option of help.match(/--[a-z]+/g)!) expect(doc).toContain(`\`${option}`);
  });
});
