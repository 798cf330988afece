/**
 * The production bundle is compiled with the Babel assumptions of babel.config.json: for Safari 13 Babel
 * rewrites destructuring, default parameters and optional chaining, and the assumptions keep that
 * rewrite small (README, "Budgets"; docs/solution.md, "Browsers the control is built for"). Each one
 * holds only while the control's code never does what it rules out. Jest runs the TypeScript untouched
 * (no Babel), so nothing else would notice: these tests find every place in MailboxHealth/ that could
 * break an assumption and fail on one that does.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

/** One place that breaks an assumption: `file:line` and what is wrong there. */
interface Breach {
  where: string;
  what: string;
}

/**
 * - iterableIsArray: every array destructuring (declaration, parameter, `for…of`, assignment) takes an
 *   array or a tuple: Babel then reads `[i]` instead of running the iterator protocol.
 * - ignoreFunctionLength: no function's `length` is read: Babel's default parameters change it.
 * - objectRestNoSymbols: no object rest (`{ a, ...rest }`) takes a value with symbol keys.
 * - noDocumentAll: nothing compares with `document.all`, the one object that `== null` yet exists.
 */
function breaches(program: ts.Program, inScope: (file: string) => boolean): Record<string, Breach[]> {
  const checker = program.getTypeChecker();
  const found: Record<string, Breach[]> = { iterableIsArray: [], ignoreFunctionLength: [], objectRestNoSymbols: [], noDocumentAll: [] };
  const isArrayLike = (type: ts.Type): boolean =>
    type.isUnion() ? type.types.every(isArrayLike) : checker.isArrayType(type) || checker.isTupleType(type);

  for (const file of program.getSourceFiles()) {
    if (!inScope(file.fileName)) continue;
    const where = (node: ts.Node): string =>
      `${path.relative(ROOT, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
    const arraySource = (node: ts.Node, type: ts.Type): void => {
      if (!isArrayLike(type)) found.iterableIsArray.push({ where: where(node), what: checker.typeToString(type) });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isArrayBindingPattern(node)) arraySource(node, checker.getTypeAtLocation(node));
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isArrayLiteralExpression(node.left)) {
        arraySource(node, checker.getTypeAtLocation(node.right));
      }
      if (ts.isForOfStatement(node) && ts.isArrayLiteralExpression(node.initializer)) {
        const element = checker.getIndexTypeOfType(checker.getTypeAtLocation(node.expression), ts.IndexKind.Number);
        if (element) arraySource(node, element);
        else found.iterableIsArray.push({ where: where(node), what: "for…of over a non-array" });
      }
      if (ts.isPropertyAccessExpression(node) && node.name.text === "length") {
        const type = checker.getTypeAtLocation(node.expression);
        if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
          found.ignoreFunctionLength.push({ where: where(node), what: checker.typeToString(type) });
        }
      }
      if (ts.isObjectBindingPattern(node) && node.elements.some((e) => e.dotDotDotToken)) {
        const type = checker.getTypeAtLocation(node);
        if (checker.getPropertiesOfType(type).some((p) => String(p.escapedName).startsWith("__@"))) {
          found.objectRestNoSymbols.push({ where: where(node), what: checker.typeToString(type) });
        }
      }
      if (ts.isPropertyAccessExpression(node) && node.name.text === "all" && node.expression.getText(file) === "document") {
        found.noDocumentAll.push({ where: where(node), what: "document.all" });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/** A program of one in-memory file, type-checked with the control's options. */
function programOf(source: string): ts.Program {
  const name = path.join(ROOT, "MailboxHealth", "__probe__.ts");
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2020, lib: ["lib.es2020.d.ts", "lib.dom.d.ts"], strict: true, types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (file, language, ...rest) =>
    file === name ? ts.createSourceFile(file, source, language) : getSourceFile.call(host, file, language, ...rest);
  return ts.createProgram([name], options, host);
}

const CONFIG = JSON.parse(fs.readFileSync(path.join(ROOT, "babel.config.json"), "utf8")) as { assumptions?: Record<string, boolean> };

test("babel.config.json sets only the assumptions checked here", () => {
  expect(Object.keys(CONFIG.assumptions ?? {}).sort()).toEqual(["ignoreFunctionLength", "iterableIsArray", "noDocumentAll", "objectRestNoSymbols"]);
});

test("the checks find code that breaks each assumption", () => {
  const found = breaches(
    programOf(`
      const set = new Set([1, 2]);
      const [first] = set;
      let a: number, b: number;
      [a, b] = new Map([[1, 2]]).keys();
      for (const [k] of new Map([[1, 2]]).values()) void k;
      const [x, y] = [1, 2];
      const pair: [string, number][] = [["a", 1]];
      for (const [name, n] of pair) void [name, n];
      const arity = ((p: number, q = 1) => p + q).length;
      const key = Symbol("k");
      const { [key]: hidden, ...rest } = { [key]: 1, v: 2 };
      const all = document.all;
      export { first, a, b, x, y, arity, hidden, rest, all };
    `),
    (file) => file.endsWith("__probe__.ts"),
  );
  expect(found.iterableIsArray.map((b) => b.where)).toEqual(["MailboxHealth/__probe__.ts:3", "MailboxHealth/__probe__.ts:5", "MailboxHealth/__probe__.ts:6"]);
  expect(found.ignoreFunctionLength).toHaveLength(1);
  expect(found.objectRestNoSymbols).toHaveLength(1);
  expect(found.noDocumentAll).toHaveLength(1);
});

test("the control's code keeps every assumption of babel.config.json", () => {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!parsed) throw new Error("tsconfig.json could not be read");
  const control = path.join(ROOT, "MailboxHealth") + path.sep;
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const found = breaches(program, (file) => path.resolve(file).startsWith(control));
  expect(found).toEqual({ iterableIsArray: [], ignoreFunctionLength: [], objectRestNoSymbols: [], noDocumentAll: [] });
  // The walk saw the control: useState pairs, Promise.all and Object.entries are destructured there.
  expect(program.getSourceFiles().filter((f) => path.resolve(f.fileName).startsWith(control)).length).toBeGreaterThan(40);
}, 120_000);
