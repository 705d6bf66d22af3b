import { z } from 'zod';
import { commitmentSchema } from '../commitments/commitment.schemas.js';

export const extractCommitmentsSchema = z
  .strictObject({
    // Not trimmed: the quotes' offsets count from the first character as sent.
    text: z
      .string()
      .min(1)
      .max(200_000)
      .optional()
      .meta({
        description:
          'The minutes or press release, at most 200,000 characters; without it, the meeting’s stored sourceText. ' +
          'A run of more than 5,000 characters without a sentence end is not proposed (it could not be a source quote)',
        example: 'A third round of the consultative committee will be held next year in Pakistan.',
      }),
  })
  .default({})
  .meta({ id: 'ExtractCommitments' });

export const extractionResultSchema = z
  .object({
    items: z.array(commitmentSchema).meta({ description: 'The PROPOSED commitments found, and those found by an earlier run on the same words' }),
  })
  .meta({ id: 'ExtractionResult' });

export type ExtractCommitments = z.infer<typeof extractCommitmentsSchema>;
export type ExtractionResult = z.infer<typeof extractionResultSchema>;
