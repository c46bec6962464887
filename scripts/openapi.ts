// `npm run openapi`: writes docs/openapi.json from the contract schemas.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from './openapi/document.js';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('packages/sdk/package.json', root), 'utf8')) as { version: string };
const outFile = new URL('docs/openapi.json', root);
writeFileSync(outFile, `${JSON.stringify(buildOpenApiDocument(version), null, 2)}\n`);
console.log(`wrote ${outFile.pathname}`);
