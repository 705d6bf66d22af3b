import { Module } from '@nestjs/common';
import { EmailActionLinks } from './action-links.js';

/** Only the link signer: what the worker needs to put action links into reminders and digests. */
@Module({ providers: [EmailActionLinks], exports: [EmailActionLinks] })
export class EmailActionLinksModule {}
