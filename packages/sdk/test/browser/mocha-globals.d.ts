// The mocha globals web-test-runner provides in the browser (no @types/mocha in this repo).
interface MochaContext {
  timeout(ms: number): void;
}
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: (this: MochaContext) => Promise<void> | void): void;
declare function before(body: () => Promise<void> | void): void;
declare function after(body: () => Promise<void> | void): void;
declare function afterEach(body: () => Promise<void> | void): void;
