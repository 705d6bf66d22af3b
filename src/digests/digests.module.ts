import { Module } from '@nestjs/common';
import { EmailActionLinksModule } from '../email-actions/email-action-links.module.js';
import { DigestComposer } from './digest-composer.service.js';
import { DigestRepository } from './digest.repository.js';

@Module({ imports: [EmailActionLinksModule], providers: [DigestRepository, DigestComposer], exports: [DigestComposer] })
export class DigestsModule {}
