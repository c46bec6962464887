/**
 * Guarded registration. Two copies of the widgets on one page (the CDN script pasted twice, or an
 * npm build next to the CDN bundle) must not break the page: `customElements.define` would throw
 * for the second copy. Instead the first copy keeps the tags and one warning names both versions.
 *
 * @module
 */

/** An element class that says which version of VolunteerKit it belongs to. */
export type VersionedElement = CustomElementConstructor & { readonly version?: string };

interface Duplicate {
  tag: string;
  existingVersion: string;
  refusedVersion: string;
}

let pending: Duplicate[] = [];

function warnAboutDuplicates(): void {
  const duplicates = pending;
  pending = [];
  const tags = duplicates.map((d) => `<${d.tag}>`).join(', ');
  const versions = duplicates[0]!;
  console.warn(
    `VolunteerKit: ${tags} ${duplicates.length === 1 ? 'is' : 'are'} already defined by VolunteerKit ` +
      `${versions.existingVersion}; this copy (VolunteerKit ${versions.refusedVersion}) did not register ` +
      `${duplicates.length === 1 ? 'it' : 'them'} and the page keeps using version ${versions.existingVersion}. ` +
      `Load VolunteerKit once per page.`,
  );
}

/**
 * Defines `tag` unless it is already defined. A second definition by the same class is silently
 * ignored (a module evaluated twice through different URLs of the same build); one by another
 * class is reported: all tags refused in the same task produce ONE `console.warn`, so a second
 * CDN bundle logs one line, not one per widget.
 */
export function defineElement(tag: string, ctor: VersionedElement): void {
  const existing = customElements.get(tag) as VersionedElement | undefined;
  if (!existing) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing === ctor) return;
  reportDuplicate(tag, existing.version ?? 'unknown', ctor.version ?? 'unknown');
}

/**
 * Records that this copy did not register `tag` because another copy (of `existingVersion`) has
 * it; joins the one warning of the current task.
 */
export function reportDuplicate(tag: string, existingVersion: string, refusedVersion: string): void {
  if (pending.length === 0) queueMicrotask(warnAboutDuplicates);
  pending.push({ tag, existingVersion, refusedVersion });
}
