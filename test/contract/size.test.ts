// The bundle budgets of DESIGN §9, measured on the built output (npm test builds first).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { formatSizes, measureSizes } from '../../scripts/size.mjs';

const root = new URL('../../', import.meta.url);

describe('bundle sizes (gzip -9)', () => {
  let sizes: Awaited<ReturnType<typeof measureSizes>>;
  before(async () => {
    sizes = await measureSizes();
    console.log(formatSizes(sizes));
  });

  it('the SDK tree-shaken to opportunities.list stays within 8 KB', () => {
    assert.ok(sizes.sdkList, 'packages/sdk/dist is missing: run npm run build');
    assert.ok(sizes.sdkList.bytes <= sizes.sdkList.budget, `${sizes.sdkList.bytes} B > ${sizes.sdkList.budget} B`);
  });

  it('the CDN bundle with every widget, Lit, the SDK and validation stays within 30 KB', () => {
    assert.ok(existsSync(new URL('packages/widgets/dist/cdn.js', root)), 'packages/widgets/dist/cdn.js is missing: run npm run build');
    assert.ok(sizes.cdn);
    assert.ok(sizes.cdn.bytes <= sizes.cdn.budget, `${sizes.cdn.bytes} B > ${sizes.cdn.budget} B`);
    assert.ok(Object.keys(sizes.cdn.shares).some((part) => part.startsWith('widgets: ')), 'each widget\'s share is reported');
  });

  it('the inline loader snippet stays under 1 KB minified', () => {
    assert.ok(sizes.loader, 'packages/widgets/cdn/loader.js is missing: run npm run build');
    assert.ok(sizes.loader.raw < sizes.loader.budget, `${sizes.loader.raw} B`);
  });
});
