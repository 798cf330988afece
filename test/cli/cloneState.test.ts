/** @jest-environment node */
/**
 * `npm test` ends by checking that the tests left the clone as they found it (scripts/clone-state.js).
 * Here on a scratch git repository: a committed picture rewritten is caught, a file in an ignored
 * folder (out/) is not, and a developer's own edit is not blamed on the tests unless they change it again.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { changedSince, gitState } = require("../../scripts/clone-state.js") as {
  gitState(root: string): Map<string, string> | null;
  changedSince(before: Map<string, string>, after: Map<string, string>, strict?: boolean): string[];
};

function scratchRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clone-state-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  fs.mkdirSync(path.join(dir, "docs", "screenshots"), { recursive: true });
  fs.writeFileSync(path.join(dir, "docs", "screenshots", "a.png"), "picture 1");
  fs.writeFileSync(path.join(dir, "README.md"), "readme\n");
  fs.writeFileSync(path.join(dir, ".gitignore"), "/out\n");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init");
  return dir;
}

describe("the clone after the tests", () => {
  it("a committed screenshot rewritten by a test is a change; a file under out/ is not", () => {
    const dir = scratchRepo();
    const before = gitState(dir)!;
    expect([...before]).toEqual([]);
    fs.mkdirSync(path.join(dir, "out", "screenshots"), { recursive: true });
    fs.writeFileSync(path.join(dir, "out", "screenshots", "a.png"), "picture 2");
    expect(changedSince(before, gitState(dir)!, true)).toEqual([]);
    fs.writeFileSync(path.join(dir, "docs", "screenshots", "a.png"), "picture 2");
    expect(changedSince(before, gitState(dir)!, true)).toEqual([" M docs/screenshots/a.png"]);
  });

  it("a new file outside the ignored folders is a change", () => {
    const dir = scratchRepo();
    const before = gitState(dir)!;
    fs.writeFileSync(path.join(dir, "docs", "screenshots", "new.png"), "x");
    expect(changedSince(before, gitState(dir)!)).toEqual(["?? docs/screenshots/new.png"]);
  });

  it("outside CI, the developer's own edit is not blamed on the tests, unless they change that file again", () => {
    const dir = scratchRepo();
    fs.writeFileSync(path.join(dir, "README.md"), "my edit\n");
    const before = gitState(dir)!;
    expect(changedSince(before, gitState(dir)!)).toEqual([]);
    expect(changedSince(before, gitState(dir)!, true)).toEqual([" M README.md"]);
    fs.writeFileSync(path.join(dir, "README.md"), "rewritten by a test\n");
    expect(changedSince(before, gitState(dir)!)).toEqual([" M README.md"]);
  });

  it("outside a git clone there is nothing to check", () => {
    expect(gitState(fs.mkdtempSync(path.join(os.tmpdir(), "no-git-")))).toBeNull();
  });
});
