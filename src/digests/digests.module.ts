import { Module } from '@nestjs/common';
import { DigestComposer } from './digest-composer.service.js';
import { DigestRepository } from './digest.repository.js';

@Module({ providers: [DigestRepository, DigestComposer], exports: [DigestComposer] })
export class DigestsModule {}
