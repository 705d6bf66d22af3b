import { Module } from '@nestjs/common';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { ExtractionController } from './extraction.controller.js';
import { ExtractionRepository } from './extraction.repository.js';
import { ExtractionService } from './extraction.service.js';

@Module({ imports: [CommitmentsModule], controllers: [ExtractionController], providers: [ExtractionRepository, ExtractionService] })
export class ExtractionModule {}
