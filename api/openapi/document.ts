/**
 * The OpenAPI 3.1 document of the API, built from documentedOperations and the zod schemas the
 * routes use (zod 4's own JSON Schema output: request parts as the routes accept them, answers as
 * they are sent). Named schemas (the status document, summary, acknowledgement, error envelope)
 * are components; everything else is inline.
 */
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { statusDocument } from '../../workflows/status-document';
import { cutoverSummary, updateAck } from '../../workflows/status-summary';
import { documentedOperations, pathParameters, type Answer, type DocumentedOperation, type Security } from './operations';
import { errorEnvelope } from './response-schemas';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

const components = new Map<z.ZodType, string>([
  [statusDocument, 'StatusDocument'],
  [cutoverSummary, 'CutoverSummary'],
  [updateAck, 'UpdateAck'],
  [errorEnvelope, 'ErrorEnvelope'],
]);

function jsonSchema(schema: z.ZodType, io: Io): JsonSchema {
  // The document's dialect is OpenAPI 3.1's (JSON Schema 2020-12): no per-schema $schema.
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete generated.$schema;
  return generated;
}

/** A $ref for a named schema, else the schema inline; a union of named ones as oneOf of $refs. */
function schemaOf(schema: z.ZodType, io: Io): JsonSchema {
  const name = components.get(schema);
  if (name) return { $ref: `#/components/schemas/${name}` };
  if (schema instanceof z.ZodUnion && schema.options.every((option) => components.has(option as z.ZodType))) {
    return { oneOf: schema.options.map((option) => schemaOf(option as z.ZodType, io)) };
  }
  return jsonSchema(schema, io);
}

export const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z]+)/g, '{$1}');

const securityOf: Record<Security, Array<Record<string, string[]>>> = {
  none: [],
  bearer: [{ bearer: [] }],
  'bearer-or-query': [{ bearer: [] }, { accessToken: [] }],
  'bearer-or-cookie': [{ bearer: [] }, { codecCookie: [] }],
  'slack-signature': [{ slackSignature: [] }],
};

function parameters(op: DocumentedOperation): JsonSchema[] {
  const inPath = [...op.path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: jsonSchema(pathParameters[name] ?? z.string(), 'input') }));
  if (!op.query) return inPath;
  const query = jsonSchema(op.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  const inQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: (query.required ?? []).includes(name), schema }));
  return [...inPath, ...inQuery];
}

function answer({ description, schema, contentType = 'application/json' }: Answer): JsonSchema {
  return { description, ...(schema || contentType !== 'application/json' ? { content: { [contentType]: schema ? { schema: schemaOf(schema, 'output') } : {} } } : {}) };
}

function operation(op: DocumentedOperation): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, spec] of Object.entries(op.responses)) responses[status] = answer(spec);
  for (const status of op.errors) responses[String(status)] = { $ref: `#/components/responses/Error${status}` };
  const body = op.body && {
    required: true,
    content: Object.fromEntries(
      (op.body.contentTypes ?? ['application/json']).map((type) => [
        type,
        type === 'application/json'
          ? { schema: schemaOf(op.body!.schema, 'input'), examples: Object.fromEntries(Object.entries(op.body!.examples ?? {}).map(([name, value]) => [name, { value }])) }
          : type === 'application/yaml'
            ? { schema: { type: 'string', description: 'the plan as YAML text' } }
            : { schema: schemaOf(op.body!.schema, 'input') },
      ]),
    ),
  };
  return { tags: [op.tag], summary: op.summary, operationId: `${op.method}${openApiPath(op.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`, security: securityOf[op.security], parameters: parameters(op), ...(body ? { requestBody: body } : {}), responses };
}

function buildDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of documentedOperations) (paths[openApiPath(op.path)] ??= {})[op.method] = operation(op);
  const statuses = [...new Set(documentedOperations.flatMap((op) => op.errors))].sort();
  return {
    openapi: '3.1.0',
    info: {
      title: 'golive API',
      version: 'v1',
      description: 'Durable go-live / cutover runbooks on Temporal. Every error is the envelope {error: {code, message, details?}}; /api/v1 routes need a bearer token (unless the API runs open, with no tokens configured).',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'a token of the tokens document (GOLIVE_TOKENS_FILE / GOLIVE_TOKENS)' },
        accessToken: { type: 'apiKey', in: 'query', name: 'access_token', description: 'the same token, for EventSource (it cannot set headers); never logged' },
        codecCookie: { type: 'apiKey', in: 'cookie', name: 'golive_codec', description: 'set by POST /codec/session' },
        slackSignature: { type: 'apiKey', in: 'header', name: 'X-Slack-Signature', description: 'v0=HMAC-SHA256 of the body with GOLIVE_SLACK_SIGNING_SECRET, with X-Slack-Request-Timestamp (5-minute window)' },
      },
      schemas: Object.fromEntries([...components].map(([schema, name]) => [name, jsonSchema(schema, 'output')])),
      responses: Object.fromEntries(
        statuses.map((status) => [`Error${status}`, { description: STATUS_CODES[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } }]),
      ),
    },
  };
}

let built: JsonSchema | undefined;

/** Built once, on first use. */
export function openApiDocument(): JsonSchema {
  return (built ??= buildDocument());
}
