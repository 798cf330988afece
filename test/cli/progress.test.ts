/** @jest-environment node */
/** The scan's progress line counts rows and pages in the plural form each number takes, in both languages. */
import { Progress } from "../../cli/scan/progress";
import { localizerFor } from "../../cli/strings";

function lineAfter(language: "en" | "cs", rows: number, pages: number): string {
  const written: string[] = [];
  let now = 0;
  const progress = new Progress({ write: (text: string) => written.push(text), isTTY: true, columns: 200 }, true, localizerFor(language), () => (now += 1000));
  progress.event({ kind: "page", target: "mailboxes", rows, pages });
  return written[written.length - 1].replace("\r\x1b[2K", "");
}

describe("the progress line", () => {
  it.each([
    [1, 1, "mailboxes 1 row, 1 page"],
    [2, 2, "mailboxes 2 rows, 2 pages"],
    [5000, 5, "mailboxes 5,000 rows, 5 pages"],
  ])("in English: %p rows, %p pages", (rows, pages, expected) => {
    expect(lineAfter("en", rows, pages)).toBe(`Reading (0 done): ${expected}`);
  });

  it.each([
    [1, 1, "mailboxes: 1 řádek, 1 stránka"],
    [3, 2, "mailboxes: 3 řádky, 2 stránky"],
    [5000, 5, "mailboxes: 5\u00a0000 řádků, 5 stránek"],
  ])("in Czech: %p rows, %p pages", (rows, pages, expected) => {
    expect(lineAfter("cs", rows, pages)).toMatch(new RegExp(`\\): ${expected}$`));
  });
});
