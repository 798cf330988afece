"use strict";
/**
 * Whether a run left the clone as it found it: what `git status` lists (untracked files one by one),
 * each with a hash of its content, so that a file already changed before and changed again is noticed.
 * Used by scripts/test-all.js after every suite.
 */
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/** Map of path → "XY hash" for every entry of `git status`; null outside a git clone. */
function gitState(root) {
  const r = spawnSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) return null;
  const state = new Map();
  const entries = r.stdout.split("\0").filter(Boolean);
  for (let i = 0; i < entries.length; i++) {
    const code = entries[i].slice(0, 2);
    const file = entries[i].slice(3);
    if (code[0] === "R" || code[0] === "C") i++; // the rename's source path follows
    const full = path.join(root, file);
    const hash = fs.existsSync(full) && fs.statSync(full).isFile() ? crypto.createHash("sha1").update(fs.readFileSync(full)).digest("hex") : "-";
    state.set(file, `${code} ${hash}`);
  }
  return state;
}

/**
 * The entries ("XY path") that differ from `before`: new, changed or gone. `strict` (CI, a fresh clone):
 * every entry of `after` counts, whatever was there before.
 */
function changedSince(before, after, strict = false) {
  const out = [];
  for (const [file, entry] of after) if (strict || before.get(file) !== entry) out.push(`${entry.slice(0, 2)} ${file}`);
  if (!strict) for (const [file, entry] of before) if (!after.has(file)) out.push(`${entry.slice(0, 2)} ${file} (no longer changed)`);
  return out;
}

module.exports = { gitState, changedSince };
