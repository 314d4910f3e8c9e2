import { z } from 'zod';
import { BLUEPRINT_IDENTIFIER, BLUEPRINT_IDENTIFIER_MAX, PROPERTY_IDENTIFIER, PROPERTY_IDENTIFIER_MAX } from './identifiers.js';

const SectionKey = z.string().max(PROPERTY_IDENTIFIER_MAX).regex(PROPERTY_IDENTIFIER, 'identifier must match ^[A-Za-z0-9@_=-]+$');

// Port: confirmed (SPEC property `type`; PORT-API.md 3.3 formats)
const PropertyDef = z.looseObject({
  type: z.enum(['string', 'number', 'boolean', 'object', 'array']),
  format: z
    .enum([
      'date-time',
      'url',
      'email',
      'idn-email',
      'ipv4',
      'ipv6',
      'markdown',
      'yaml',
      'user',
      'team',
      'timer',
      'blueprints',
      'proto',
      'labeled-url',
    ])
    .optional(),
  title: z.string().max(100).optional(),
  enum: z.array(z.unknown()).optional(),
  pattern: z.string().optional(),
});

// Port: confirmed (SPEC — target, required and many are all required keys of a relation)
const RelationDef = z.looseObject({
  target: z.string(),
  required: z.boolean(),
  many: z.boolean(),
  title: z.string().optional(),
});

/** Port: confirmed (SPEC POST /v1/blueprints body; create requires identifier, title, schema) */
export const BlueprintBody = z.looseObject({
  identifier: z
    .string()
    .max(BLUEPRINT_IDENTIFIER_MAX)
    .regex(BLUEPRINT_IDENTIFIER, 'identifier does not match the blueprint identifier pattern'),
  title: z.string().min(1).max(100),
  description: z.string().max(200).optional(),
  schema: z.looseObject({
    properties: z.record(SectionKey, PropertyDef),
    required: z.array(z.string()).optional(),
  }),
  relations: z.record(SectionKey, RelationDef).optional(),
  mirrorProperties: z.record(SectionKey, z.looseObject({ path: z.string() })).optional(),
  calculationProperties: z.record(SectionKey, z.looseObject({ calculation: z.string(), type: z.string() })).optional(),
  aggregationProperties: z
    .record(SectionKey, z.looseObject({ title: z.string(), target: z.string(), calculationSpec: z.looseObject({}) }))
    .optional(),
});

export type BlueprintBodyInput = z.infer<typeof BlueprintBody>;
