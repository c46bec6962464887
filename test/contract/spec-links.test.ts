// The repository explains itself with its own documents: code, tests and docs cite the product's
// spec in docs/spec/ (and the other pages under docs/), never a design file a reader of the
// repository cannot open, and every relative link to a Markdown page leads to a file (and a heading) that exists.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('../../', import.meta.url).pathname);
const SCANNED = ['packages', 'docs', 'test', 'scripts'];
/** Build output and installed code: generated, not written here. */
const SKIPPED_NAMES = new Set(['node_modules', 'dist', '.data', '.cache', 'test-results']);
const SKIPPED_PATHS = new Set(['docs/api', 'packages/widgets/cdn', 'test/conformance/generated']);
const TEXT = /\.(?:[cm]?[jt]sx?|json|md|html|css|sql|ya?ml)$/;

/** Every text file under `dir`, as a path relative to the repository root. */
function textFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIPPED_NAMES.has(entry.name) || SKIPPED_PATHS.has(path) ? [] : textFiles(path);
    return entry.isFile() && TEXT.test(entry.name) ? [path] : [];
  });
}

const files = ['README.md', ...SCANNED.flatMap(textFiles)];
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** An external design document's section sign: `DESIGN` followed by `§` (spelled apart so this file does not match). */
const EXTERNAL_CITATION = new RegExp(['DESIGN', '\\s*§'].join(''), 'g');
/** A Markdown link or an `href` to a page ending in `.md`, with an optional anchor. */
const MARKDOWN_LINK = /\]\(\s*<?([^)\s>]+?\.md)(?:#([^)\s>]*))?>?(?:\s+"[^"]*")?\s*\)|href="([^"#]+?\.md)(?:#([^"]*))?"/g;

/** The anchors of a Markdown page's headings, as GitHub and typedoc make them. */
function anchorsOf(markdown: string): Set<string> {
  const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...outsideCode.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)].map((heading) =>
    heading[1]!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-')));
}
/** A repository path to a page under docs/ cited in prose or a comment: `docs/spec/budgets.md`. */
const DOCS_PATH = /(?<![\w./-])(docs\/[\w./-]+\.md)\b/g;

it('scans the folders it promises to (a broken walk must not pass by finding nothing)', () => {
  for (const expected of ['README.md', 'docs/architecture.md', 'docs/spec/README.md', 'packages/sdk/src/index.ts', 'test/contract/spec-links.test.ts', 'scripts/size.mjs']) {
    assert.ok(files.includes(expected), `${expected} was not scanned`);
  }
  assert.ok(!files.some((file) => file.includes('/node_modules/') || file.startsWith('docs/api/')), 'generated and installed files are skipped');
});

it('cites no design document from outside the repository: cite docs/spec/ instead', () => {
  const found = files.flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return [...text.matchAll(EXTERNAL_CITATION)].map((match) => `${file}:${lineOf(text, match.index)}`);
  });
  assert.deepEqual(found, [], `cite the page under docs/spec/ that says it:\n${found.join('\n')}`);
});

it('links only to Markdown pages, and sections of them, that exist', () => {
  const broken = files.flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const relativeLinks = [...text.matchAll(MARKDOWN_LINK)]
      .map((match) => ({ target: (match[1] ?? match[3])!, anchor: match[2] ?? match[4], index: match.index }))
      .filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('/'))
      .map((link) => ({ ...link, path: resolve(root, dirname(file), link.target) }));
    const docsPaths = [...text.matchAll(DOCS_PATH)]
      .filter((match) => !match[1]!.includes('*'))
      .map((match) => ({ target: match[1]!, anchor: undefined, index: match.index, path: resolve(root, match[1]!) }));
    return [...relativeLinks, ...docsPaths].flatMap(({ target, anchor, index, path }) => {
      const at = `${file}:${lineOf(text, index)} → ${target}`;
      if (!existsSync(path)) return [`${at} (${relative(root, path)} does not exist)`];
      if (anchor && !anchorsOf(readFileSync(path, 'utf8')).has(decodeURIComponent(anchor))) return [`${at}#${anchor} (no such heading)`];
      return [];
    });
  });
  assert.deepEqual(broken, [], broken.join('\n'));
});
