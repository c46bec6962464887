/**
 * One `lit-html` Trusted Types policy per page, however many copies of the CDN bundle load.
 *
 * lit-html creates its policy (`trustedTypes.createPolicy('lit-html', …)`) when it is evaluated.
 * Under the CSP our docs recommend (`require-trusted-types-for 'script'; trusted-types lit-html`,
 * without `'allow-duplicates'`), a second copy of the bundle on the page (pasted twice, or two
 * versions) would create it again: that throws and reports a CSP violation before our
 * registration guard can log its one warning. So while the bundle's own copy of lit-html is
 * evaluated, a request for the `lit-html` policy returns the one the first copy made, kept under
 * a registered symbol; the first copy creates it and keeps it there. The page's `createPolicy` is
 * restored as soon as lit-html has run ({@link releaseLitPolicy}), and any other name passes
 * straight through.
 *
 * The CDN entry imports this module before anything that imports Lit (module evaluation follows
 * import order), so it runs first. Considered: a two-stage entry that imports the bundle only when
 * no copy is loaded (a second request before any list shows), and rewriting lit-html's source at
 * build time (two builds to patch, tied to lit-html's minified text).
 *
 * @module
 */

const SHARED_POLICY = Symbol.for('volunteerkit.lit-html-policy');

/** The part of the Trusted Types API used here (TypeScript's DOM library does not declare it). */
interface Factory {
  createPolicy(name: string, rules?: object): unknown;
}
type Holder = Record<symbol, unknown>;

const factory = (globalThis as { trustedTypes?: Factory }).trustedTypes;
const ownCreatePolicy = factory && Object.prototype.hasOwnProperty.call(factory, 'createPolicy') ? factory.createPolicy : undefined;

if (factory) {
  const createPolicy = factory.createPolicy;
  factory.createPolicy = function (this: Factory, name: string, rules?: object) {
    if (name !== 'lit-html') return createPolicy.call(this, name, rules);
    const holder = globalThis as unknown as Holder;
    return (holder[SHARED_POLICY] ??= createPolicy.call(this, name, rules));
  };
}

/** Gives the page its own `createPolicy` back. Called by the CDN entry once Lit has been evaluated. */
export function releaseLitPolicy(): void {
  if (!factory) return;
  if (ownCreatePolicy) factory.createPolicy = ownCreatePolicy;
  else delete (factory as Partial<Factory>).createPolicy;
}
