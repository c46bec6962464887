/**
 * Checks HTTP exchanges against docs/openapi.json with Ajv (JSON Schema 2020-12), a validator we
 * did not write and that knows nothing of the server's zod schemas — so a response that passes
 * here is one a partner's own tooling would accept.
 *
 * For each response: the operation (method + path template; concrete paths before templated ones,
 * as OpenAPI requires), the status (exact code, then `4XX`-style range; `default` covers only 5xx,
 * because a client error the server sends on purpose must be declared with its code), the content
 * type, the body against the declared schema ($refs resolved inside the document), and the
 * declared response headers (present when `required`, values matching their schema).
 * Outside the document: a path no operation matches must be a 404 problem (anything else is an
 * undocumented endpoint), and a documented path with an undocumented method must be a 405 whose
 * `Allow` lists the document's methods. OPTIONS (CORS preflight) and HEAD are left to HTTP.
 *
 * Used by the server test suites (packages/server/test/conformance-recorder.ts) and by every file
 * in test/conformance/.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';

// ajv-formats is CommonJS: seen from ESM its plugin is the module itself, typed as `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

/** docs/openapi.json; VK_OPENAPI_DOCUMENT points every conformance check at another copy (to try a fix). */
export const OPENAPI_PATH = process.env['VK_OPENAPI_DOCUMENT'] || new URL('../../docs/openapi.json', import.meta.url).pathname;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const DOCUMENT_ID = 'https://volunteerkit.test/openapi.json';

/** One request and its answer, as far as the contract is concerned. */
export interface Exchange {
  method: string;
  /** Path and query, or a full URL. */
  url: string;
  status: number;
  headers: Headers;
  /** The raw response body ('' when none). */
  body: string;
}

export type ViolationKind =
  | 'undeclared-status'
  | 'content-type'
  | 'body-schema'
  | 'body-not-json'
  | 'unexpected-body'
  | 'header'
  | 'undocumented-endpoint'
  | 'wrong-method-answer'
  | 'unknown-path-answer';

export interface Violation {
  kind: ViolationKind;
  /** `operationId METHOD /template`, or `METHOD /path` outside the document. */
  operation: string;
  status: number;
  /** What mismatched, stable enough to group identical violations. */
  detail: string;
  /** The request, for reproducing it. */
  request: string;
}

export interface MatchedOperation {
  operationId: string;
  method: string;
  template: string;
  operation: OperationObject;
}

interface MediaTypeObject { schema?: object }
interface HeaderObject { required?: boolean; schema?: object }
interface ResponseObject { content?: Record<string, MediaTypeObject>; headers?: Record<string, HeaderObject> }
export interface ParameterObject { name: string; in: 'query' | 'header' | 'path' | 'cookie'; required?: boolean; schema?: object }
export interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, object>; securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
}

/** A JSON pointer segment (RFC 6901). */
const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export class OpenApiContract {
  readonly document: OpenApiDocument;
  private readonly ajv: Ajv2020;
  private readonly routes: { template: string; regex: RegExp; templated: number; methods: Record<string, OperationObject> }[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    this.document = document;
    // strict: an unknown keyword or format in the document is an error, not a silent pass; the
    // OpenAPI-only keywords are declared as annotations.
    this.ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addVocabulary(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'tags', 'paths', 'components', 'webhooks',
      'security', 'externalDocs', 'example', 'xml', 'discriminator']);
    this.ajv.addSchema({ ...withoutExtensions(structuredClone(document)) as object, $id: DOCUMENT_ID });
    this.routes = Object.entries(document.paths).map(([template, methods]) => {
      const source = template.split('/').map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
      return { template, regex: new RegExp(`^${source}$`), templated: (template.match(/\{/g) ?? []).length, methods };
    }).sort((a, b) => a.templated - b.templated);
  }

  static load(path = OPENAPI_PATH): OpenApiContract {
    return new OpenApiContract(JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument);
  }

  /** Every operation, in document order. */
  operations(): MatchedOperation[] {
    return Object.entries(this.document.paths).flatMap(([template, methods]) => Object.entries(methods)
      .filter(([method]) => (HTTP_METHODS as readonly string[]).includes(method))
      .map(([method, operation]) => ({ operationId: operation.operationId, method: method.toUpperCase(), template, operation })));
  }

  /** The documented path template `pathname` falls under, with its operations. */
  route(pathname: string) {
    return this.routes.find((route) => route.regex.test(pathname));
  }

  match(method: string, pathname: string): MatchedOperation | undefined {
    const route = this.route(pathname);
    const operation = route?.methods[method.toLowerCase()];
    return route && operation ? { operationId: operation.operationId, method: method.toUpperCase(), template: route.template, operation } : undefined;
  }

  /** A validator for the schema at `path` (JSON pointer segments) inside the document. */
  validatorAt(...path: string[]): ValidateFunction {
    const ref = `${DOCUMENT_ID}#/${path.map(pointer).join('/')}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    return validate;
  }

  /** The response object an answer with `status` is held to, and its key, or undefined if undeclared. */
  responseFor(operation: OperationObject, status: number): { key: string; response: ResponseObject } | undefined {
    const key = [String(status), `${String(status)[0]}XX`, ...(status >= 500 ? ['default'] : [])]
      .find((candidate) => operation.responses[candidate] !== undefined);
    return key === undefined ? undefined : { key, response: operation.responses[key]! };
  }

  /** Everything wrong with one exchange according to the document (empty when it conforms). */
  check(exchange: Exchange): Violation[] {
    const url = new URL(exchange.url, 'http://contract.invalid');
    const method = exchange.method.toUpperCase();
    const request = `${method} ${url.pathname}${url.search}`.slice(0, 300);
    const violations: Violation[] = [];
    const fail = (kind: ViolationKind, operation: string, detail: string) => violations.push({ kind, operation, status: exchange.status, detail, request });
    if (method === 'OPTIONS' || method === 'HEAD') return violations;

    const route = this.route(url.pathname);
    const matched = this.match(method, url.pathname);
    if (!route) {
      const where = `${method} ${url.pathname}`;
      if (exchange.status !== 404) fail(exchange.status < 400 ? 'undocumented-endpoint' : 'unknown-path-answer', where, `a path outside the document answered ${exchange.status}, not 404`);
      else this.checkProblemBody(exchange, where, fail);
      return violations;
    }
    if (!matched) {
      const where = `${method} ${route.template}`;
      const allowed = Object.keys(route.methods).filter((m) => (HTTP_METHODS as readonly string[]).includes(m)).map((m) => m.toUpperCase()).sort();
      const allow = (exchange.headers.get('allow') ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean).sort();
      if (exchange.status !== 405) fail('wrong-method-answer', where, `an undocumented method answered ${exchange.status}, not 405`);
      else if (allowed.some((m) => !allow.includes(m))) fail('wrong-method-answer', where, `405 Allow "${allow.join(', ')}" does not list ${allowed.join(', ')}`);
      return violations;
    }

    const name = `${matched.operationId} ${method} ${matched.template}`;
    const declared = this.responseFor(matched.operation, exchange.status);
    if (!declared) {
      const statuses = Object.keys(matched.operation.responses).join(', ');
      fail('undeclared-status', name, `status ${exchange.status} is not declared (declared: ${statuses})`);
      return violations;
    }
    const responsePath = ['paths', matched.template, method.toLowerCase(), 'responses', declared.key];

    for (const [headerName, header] of Object.entries(declared.response.headers ?? {})) {
      const value = exchange.headers.get(headerName);
      if (value === null) {
        if (header.required) fail('header', name, `required header ${headerName} is missing`);
        continue;
      }
      if (!header.schema) continue;
      const validate = this.validatorAt(...responsePath, 'headers', headerName, 'schema');
      const type = (header.schema as { type?: string }).type;
      const typed = type === 'integer' || type === 'number' ? Number(value) : value;
      if (!validate(typed)) fail('header', name, `header ${headerName}: ${describeErrors(validate.errors)}`);
    }

    const content = declared.response.content;
    const mediaType = (exchange.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!content || Object.keys(content).length === 0) {
      if (exchange.body.length > 0) fail('unexpected-body', name, `declared without content, answered ${mediaType || 'untyped'} body`);
      return violations;
    }
    const contentKey = Object.keys(content).find((key) => key.toLowerCase() === mediaType)
      ?? Object.keys(content).find((key) => key.endsWith('/*') && mediaType.startsWith(key.slice(0, -1)))
      ?? Object.keys(content).find((key) => key === '*/*');
    if (!contentKey) {
      fail('content-type', name, `content type "${mediaType}" is not one of ${Object.keys(content).join(', ')}`);
      return violations;
    }
    if (!content[contentKey]!.schema) return violations;
    let parsed: unknown;
    try {
      parsed = JSON.parse(exchange.body);
    } catch {
      fail('body-not-json', name, `${contentKey} body is not JSON: ${exchange.body.slice(0, 80)}`);
      return violations;
    }
    const validate = this.validatorAt(...responsePath, 'content', contentKey, 'schema');
    if (!validate(parsed)) fail('body-schema', name, describeErrors(validate.errors));
    return violations;
  }

  private checkProblemBody(exchange: Exchange, where: string, fail: (kind: ViolationKind, operation: string, detail: string) => void) {
    if (!exchange.body) return;
    const mediaType = (exchange.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (mediaType !== 'application/problem+json') return fail('unknown-path-answer', where, `404 answered as "${mediaType}", not problem details`);
    const validate = this.validatorAt('components', 'schemas', 'ProblemDetails');
    let parsed: unknown;
    try {
      parsed = JSON.parse(exchange.body);
    } catch {
      return fail('body-not-json', where, '404 problem body is not JSON');
    }
    if (!validate(parsed)) fail('unknown-path-answer', where, `404 problem: ${describeErrors(validate.errors)}`);
  }
}

/** The document without `x-…` extension keys (strict Ajv refuses unknown keywords; property names are kept). */
function withoutExtensions(node: unknown, isPropertyMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutExtensions(item));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key]) => isPropertyMap || !key.startsWith('x-'))
    .map(([key, value]) => [key, withoutExtensions(value, !isPropertyMap && (key === 'properties' || key === 'patternProperties'))]));
}

/** Ajv errors as one line without the offending values, so that equal mistakes group together. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue;
    const params = error.keyword === 'required' ? ` ${(error.params as { missingProperty: string }).missingProperty}`
      : error.keyword === 'additionalProperties' ? ` ${(error.params as { additionalProperty: string }).additionalProperty}`
        : error.keyword === 'enum' || error.keyword === 'const' || error.keyword === 'type' || error.keyword === 'format' || error.keyword === 'pattern' ? ` (${error.message})` : '';
    seen.add(`${error.instancePath.replace(/\/\d+(?=\/|$)/g, '/*') || '/'} ${error.keyword}${params}`);
  }
  return [...seen].join('; ');
}

/** Violations grouped by operation, status, kind and detail, with counts and one sample request each. */
export function summarize(violations: Violation[]): string {
  const groups = new Map<string, { count: number; sample: string }>();
  for (const v of violations) {
    const key = `${v.operation} → ${v.status} [${v.kind}] ${v.detail}`;
    const group = groups.get(key) ?? { count: 0, sample: v.request };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { count, sample }]) => `  ${count} × ${key}\n      e.g. ${sample}`).join('\n');
}
