import * as z from 'zod'
import { Timestamp } from './common.js'

export const SourceSchema = z
  .object({
    id: z.string(),
    object: z.literal('source'),
    name: z.string(),
    type: z.literal('website'),
    website: z.object({ url: z.string() }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Source' })

const Website = z.object({ url: z.url({ protocol: /^https?$/ }) })

export const CreateSourceBody = z.object({
  type: z.enum(['website']),
  website: Website,
  name: z.string().min(1).max(255).optional(),
})

export const UpdateSourceBody = z.object({
  name: z.string().min(1).max(255).optional(),
  website: Website.optional(),
})
