/**
 * Cursor pagination. `list()` returns a {@link PagePromise}: await it for one {@link Page}, or
 * `for await` over it for every item of every page.
 *
 * @module
 */
import { VolunteerKitError } from './errors.js';

/** What a list endpoint answers: one page of items and the cursor of the next one. */
export interface PageBody<Item> {
  data: Item[];
  nextCursor: string | null;
}

/** Fetches the page that starts at `cursor` (`undefined`: the first page). */
export type PageFetcher<Item> = (cursor: string | undefined) => Promise<PageBody<Item>>;

/**
 * One page of a list: `data`, `nextCursor`, and the way to the next page. Also async-iterable:
 * `for await (const item of page)` yields this page's items and then every following page's.
 */
export class Page<Item> implements AsyncIterable<Item> {
  /** The items of this page. */
  readonly data: Item[];
  /** Opaque cursor of the next page; `null` on the last page. */
  readonly nextCursor: string | null;
  readonly #fetchPage: PageFetcher<Item>;

  /** @internal Pages come from `list()`. */
  constructor(body: PageBody<Item>, fetchPage: PageFetcher<Item>) {
    this.data = body.data;
    this.nextCursor = body.nextCursor;
    this.#fetchPage = fetchPage;
  }

  /**
   * Whether another page follows this one.
   *
   * @example
   * ```ts
   * const page = await vk.opportunities.list({ limit: 20 });
   * moreButton.hidden = !page.hasNextPage();
   * ```
   */
  hasNextPage(): boolean {
    return this.nextCursor !== null;
  }

  /**
   * Fetches the next page with the same filters. Rejects when there is none: check
   * {@link hasNextPage} first.
   *
   * @example
   * ```ts
   * let page = await vk.opportunities.list({ category: 'elderly' });
   * if (page.hasNextPage()) page = await page.nextPage();
   * ```
   */
  nextPage(): PagePromise<Item> {
    const cursor = this.nextCursor;
    if (cursor === null) return PagePromise.from(Promise.reject(new VolunteerKitError('There is no next page: check hasNextPage() first')));
    return PagePromise.fetch(this.#fetchPage, cursor);
  }

  /**
   * Iterates over pages (this one first), fetching each next page when the loop asks for it.
   *
   * @example
   * ```ts
   * for await (const page of (await vk.opportunities.list()).iterPages()) render(page.data);
   * ```
   */
  async *iterPages(): AsyncGenerator<Page<Item>, void, undefined> {
    let page: Page<Item> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.nextPage();
      yield page;
    }
  }

  /**
   * Every item of this page and of every following page.
   *
   * @example
   * ```ts
   * const page = await vk.opportunities.list({ limit: 50 });
   * renderFirst(page.data);
   * for await (const opp of page) index.add(opp); // this page's items, then the next pages'
   * ```
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * The result of `list()`: a promise of the first {@link Page} that is also async-iterable over
 * every item of every page (the pattern of openai-node's `PagePromise`). The request starts at
 * once, whether it is awaited or iterated.
 *
 * It extends `Promise` so that `instanceof Promise`, `Promise.all` and TypeScript all see a
 * promise; `then` delegates to the real request, and the inherited `catch`/`finally` call `then`.
 */
export class PagePromise<Item> extends Promise<Page<Item>> implements AsyncIterable<Item> {
  readonly #page: Promise<Page<Item>>;

  /** @internal Use {@link PagePromise.fetch}. */
  private constructor(page: Promise<Page<Item>>) {
    // The executor's value is never observed: every read goes through the overridden `then`.
    super((resolve) => resolve(undefined as unknown as Page<Item>));
    this.#page = page;
    // A caller that only iterates never calls `then` on the first page: keep the rejection
    // from being reported as unhandled here; it reaches the caller through the iterator.
    page.catch(() => {});
  }

  /** @internal Fetches the page at `cursor` and wraps it. */
  static fetch<Item>(fetchPage: PageFetcher<Item>, cursor: string | undefined): PagePromise<Item> {
    return new PagePromise(fetchPage(cursor).then((body) => new Page(body, fetchPage)));
  }

  /** @internal */
  static from<Item>(page: Promise<Page<Item>>): PagePromise<Item> {
    return new PagePromise(page);
  }

  // Derived promises (from `then`) must be plain promises, not PagePromises built with a fake executor.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  override then<R1 = Page<Item>, R2 = never>(
    onfulfilled?: ((value: Page<Item>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#page.then(onfulfilled, onrejected);
  }


  /**
   * Every item of every page, fetching pages as the loop needs them.
   *
   * @example
   * ```ts
   * for await (const opp of vk.opportunities.list({ category: 'environment' })) {
   *   if (opp.location.online) { show(opp); break; } // break stops fetching
   * }
   * ```
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    yield* await this.#page;
  }
}
