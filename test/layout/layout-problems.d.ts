/** See layout-problems.js: one line per element of the hosts' shadow trees whose content does not fit its box. */
export function layoutProblems(hosts: Iterable<Element>): string[];
