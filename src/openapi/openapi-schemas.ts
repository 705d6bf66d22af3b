import type { OpenAPIObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * A zod schema that carries an `id` as OpenAPI components. zod nests named schemas under
 * `definitions` and points at them with `#/definitions/...`, which is not where OpenAPI looks.
 */
export function namedComponents(schema: z.ZodType): Record<string, SchemaObject> {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' }) as { definitions?: Record<string, unknown> };
  const text = JSON.stringify(json.definitions ?? {}).replaceAll('"#/definitions/', '"#/components/schemas/');
  return JSON.parse(text) as Record<string, SchemaObject>;
}

const isArraySchema = (schema: SchemaObject | ReferenceObject): schema is SchemaObject & { items: SchemaObject } =>
  'type' in schema && schema.type === 'array' && schema.items !== undefined;

/**
 * A query parameter that takes one value or the same value repeated (`?status=OPEN&status=DONE`)
 * is described by its schema as "a value, or a list of them". OpenAPI's way to say that is an
 * array sent form style, exploded: Swagger UI then offers several values and generated clients
 * send an array as repeated parameters.
 */
export function explodeListParameters(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      for (const parameter of operation?.parameters ?? []) {
        if ('$ref' in parameter || parameter.in !== 'query' || !parameter.schema || '$ref' in parameter.schema) continue;
        const list = parameter.schema.anyOf?.find(isArraySchema);
        if (!list) continue;
        explode(parameter, list);
      }
    }
  }
}

function explode(parameter: ParameterObject, list: SchemaObject & { items: SchemaObject }): void {
  const { description } = parameter.schema as SchemaObject;
  parameter.schema = { type: 'array', items: list.items, ...(description ? { description } : {}) };
  parameter.style = 'form';
  parameter.explode = true;
}
