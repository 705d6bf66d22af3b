import { z } from 'zod';

/** Path ids are UUIDs; anything else is a 400 that names the parameter, not a database error. */
export const idParam = z.uuid({ message: 'Must be a UUID' });
