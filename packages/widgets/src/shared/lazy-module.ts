/**
 * A module imported on first need, once per page, whose exports can be read synchronously once it
 * has arrived (a render cannot await). A failed import (offline, a deploy removed the chunk) is
 * forgotten, so the next `load()` tries again.
 *
 * @module
 */
export interface LazyModule<M> {
  /** The module, once loaded. */
  readonly current: M | undefined;
  /** Starts the import, or joins the one under way. */
  load(): Promise<M>;
}

export function lazyModule<M>(importModule: () => Promise<M>): LazyModule<M> {
  let current: M | undefined;
  let loading: Promise<M> | undefined;
  return {
    get current() {
      return current;
    },
    load() {
      loading ??= importModule().then(
        (module) => (current = module),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}
