// Configuration the analyzer picks up by itself (`npm run manifest`).
//
// The analyzer guesses event names from `this.dispatchEvent(new SomeEvent(arg))` and takes the
// first argument's name ("error", "opportunity") for the event name. Our events are classes whose
// names are fixed inside them and documented with `@event vk-…` in each class header, so only
// the documented `vk-…` events are kept (merged by name, the documented description winning).
/** `defineElement('vk-x', VkX)` calls found in src/define/*.ts: class name → tag. */
const definedTags = new Map();

export default {
  litelement: true,
  plugins: [
    {
      // Tags are registered through the guarded defineElement(), which the analyzer does not know
      // as customElements.define(): read the tag from those calls so every element (also one whose
      // header lacks `@tag`) is marked as a custom element with its tag.
      name: 'volunteerkit-define-element',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isCallExpression(node) || node.expression.getText?.() !== 'defineElement') return;
        const [tag, ctor] = node.arguments;
        if (!tag || !ctor || !ts.isStringLiteral(tag) || !ts.isIdentifier(ctor)) return;
        definedTags.set(ctor.text, tag.text);
        moduleDoc.exports ??= [];
        moduleDoc.exports.push({ kind: 'custom-element-definition', name: tag.text, declaration: { name: ctor.text, module: moduleDoc.path } });
      },
      packageLinkPhase({ customElementsManifest }) {
        const modulesByClass = new Map();
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            const tag = definedTags.get(declaration.name);
            if (declaration.kind === 'class' && tag) {
              declaration.tagName ??= tag;
              declaration.customElement = true;
              modulesByClass.set(declaration.name, module.path);
            }
          }
        }
        // Point each definition at the module that declares the class; drop the analyzer's own
        // guess from inside defineElement (`customElements.define(tag, ctor)`: no real tag).
        for (const module of customElementsManifest.modules) {
          module.exports = module.exports?.filter((entry) => entry.kind !== 'custom-element-definition' || modulesByClass.has(entry.declaration.name));
          for (const entry of module.exports ?? []) {
            if (entry.kind === 'custom-element-definition' && modulesByClass.has(entry.declaration.name)) {
              entry.declaration.module = modulesByClass.get(entry.declaration.name);
            }
          }
        }
      },
    },
    {
      name: 'volunteerkit-documented-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.events) continue;
            const byName = new Map();
            for (const event of declaration.events) {
              if (!event.name?.startsWith('vk-')) continue;
              const known = byName.get(event.name);
              byName.set(event.name, known?.description ? { ...event, ...known } : { ...known, ...event });
            }
            declaration.events = [...byName.values()];
          }
        }
      },
    },
  ],
};
