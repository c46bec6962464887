// The strict policy of an enterprise intranet, for tests that render widgets under it. A policy
// set by <meta> cannot be lifted, so each such test file is a page of its own.
import { startMockApi } from './mock-api.js';

export const STRICT_POLICY = "script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

/** Starts recording this page's CSP violations; returns the list, which fills as they happen. */
export function recordCspViolations(): string[] {
  const violations: string[] = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
  });
  return violations;
}

/**
 * Starts the mock API first (its service worker is a test-only tool and registers before the
 * policy), then puts the strict policy in place. Import the widgets' code after this.
 */
export async function applyStrictPolicy(): Promise<void> {
  await startMockApi();
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = STRICT_POLICY;
  document.head.append(meta);
}
