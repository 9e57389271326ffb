import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What a module may pull in, read from the source: a client component's bundle must not
// reach db/ (drizzle, the schema) or a server-only module, and every CSV is written by the
// one writer (lib/csv), which neutralizes formulas.

const root = path.resolve(import.meta.dirname, '..');
const sourceDirs = ['app', 'components', 'lib', 'db', 'scripts', 'workers'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const files = sourceDirs.flatMap((d) => sourceFiles(path.join(root, d)));
const parsed = new Map(
  files.map((file) => [
    file,
    ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
  ]),
);

/** Imports that stay in the bundle: not `import type`, not only type specifiers. */
function valueImports(source: ts.SourceFile): string[] {
  const out: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      if (
        clause &&
        !clause.name &&
        named &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly)
      )
        continue;
      out.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      out.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/')
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const isClient = (source: ts.SourceFile) => {
  const first = source.statements[0];
  return (
    !!first &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === 'use client'
  );
};

/** The first chain of value imports from `entry` to a forbidden module, if any. */
function forbiddenChain(entry: string): string[] | null {
  const seen = new Set<string>([entry]);
  const queue: string[][] = [[entry]];
  while (queue.length > 0) {
    const chain = queue.shift()!;
    const file = chain.at(-1)!;
    const source = parsed.get(file);
    if (!source) continue;
    for (const specifier of valueImports(source)) {
      if (specifier === 'server-only') return [...chain, specifier];
      const target = resolve(file, specifier);
      if (!target || seen.has(target)) continue;
      if (path.relative(root, target).startsWith(`db${path.sep}`)) return [...chain, target];
      seen.add(target);
      queue.push([...chain, target]);
    }
  }
  return null;
}

const rel = (file: string) => path.relative(root, file);

describe('module boundaries', () => {
  it('no client component pulls db/ or a server-only module into the browser bundle', () => {
    const clients = [...parsed.entries()].filter(([, s]) => isClient(s)).map(([f]) => f);
    expect(clients.length).toBeGreaterThan(10);
    const leaks = clients.flatMap((file) => {
      const chain = forbiddenChain(file);
      return chain ? [chain.map((f) => (f.startsWith(root) ? rel(f) : f)).join(' → ')] : [];
    });
    expect(leaks).toEqual([]);
  });

  it('every CSV is written by lib/csv (formulas neutralized)', () => {
    const writers = [...parsed.entries()]
      .filter(([, s]) => valueImports(s).some((i) => i.startsWith('csv-stringify')))
      .map(([f]) => rel(f));
    // The bench writes COPY input for Postgres, not a file anyone opens in a spreadsheet.
    expect(writers.sort()).toEqual(['lib/csv/csv-writer.ts', 'scripts/bench/load-history.ts']);
  });
});
