import { z } from 'zod';
import { deploymentEventSchema, isStorableText } from '../events/schemas';
import { Exemption } from './exemptions';
import { normalizeGroupRef } from './matchEntity';

/*
 * A request for an exemption as the API and the form take it, and the
 * pending exemption it becomes. An expiry already past at the request is
 * refused here, so a request cannot be born expired.
 */

// The events' instant: a real calendar day with a UTC offset, 1970–2099.
const instant = deploymentEventSchema.shape.finishedAt;

const ref = z
  .string({
    required_error: 'is required',
    invalid_type_error: 'must be an entity ref',
  })
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  // Stored as given: PostgreSQL refuses what SQLite would keep.
  .refine(
    isStorableText,
    'must not contain NUL characters or unpaired UTF-16 surrogates',
  );

export const exemptionRequestSchema = z
  .object(
    {
      scorecardId: ref,
      ruleId: ref,
      scope: z.union(
        [
          z.object({ entityRef: ref }).strict(),
          z.object({ groupRef: ref }).strict(),
        ],
        {
          errorMap: () => ({
            message:
              'must be {"entityRef": "component:default/payments"} or {"groupRef": "group:default/payments-team"}',
          }),
        },
      ),
      reason: z
        .string({
          required_error: 'is required',
          invalid_type_error: 'must be a string',
        })
        .trim()
        .min(1, 'must say why the rule does not fit')
        .max(2000, 'must be at most 2000 characters')
        .refine(
          isStorableText,
          'must not contain NUL characters or unpaired UTF-16 surrogates',
        ),
      expiresAt: instant.nullish(),
    },
    { required_error: 'is required', invalid_type_error: 'must be an object' },
  )
  .strict();

export type ExemptionRequest = z.input<typeof exemptionRequestSchema>;

/**
 * The pending exemption a request becomes (`id`, the requester and the
 * instant come from the caller), or the problems, each with its path.
 */
export function newExemption(
  raw: unknown,
  meta: { id: string; by: string; at: string },
): { ok: true; exemption: Exemption } | { ok: false; problems: string[] } {
  const parsed = exemptionRequestSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.flatMap(i => {
        if (i.code === 'unrecognized_keys') {
          return i.keys.map(
            k => `${[...i.path, k].join('.')}: is not a known field`,
          );
        }
        return [
          i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
        ];
      }),
    };
  }
  const request = parsed.data;
  const expiresAt = request.expiresAt ?? null;
  if (expiresAt !== null && Date.parse(expiresAt) <= Date.parse(meta.at)) {
    return {
      ok: false,
      problems: [
        `expiresAt: ${expiresAt} is not after the request (${meta.at}); leave it out for an exemption until revoked`,
      ],
    };
  }
  const scope =
    'entityRef' in request.scope
      ? {
          kind: 'entity' as const,
          entityRef: request.scope.entityRef.toLowerCase(),
        }
      : {
          kind: 'group' as const,
          groupRef: normalizeGroupRef(request.scope.groupRef),
        };
  return {
    ok: true,
    exemption: {
      id: meta.id,
      scorecardId: request.scorecardId,
      ruleId: request.ruleId,
      scope,
      reason: request.reason,
      expiresAt,
      status: 'pending',
      requestedBy: meta.by,
      requestedAt: meta.at,
    },
  };
}
