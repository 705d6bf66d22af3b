import { Module, type DynamicModule } from '@nestjs/common';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { ConfigModule } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { PrismaModule } from '../core/prisma/prisma.module.js';
import { SeedRepository } from './seed.repository.js';
import { SeedService } from './seed.service.js';

@Module({})
export class SeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SeedModule,
      imports: [ConfigModule.forRoot(config), PrismaModule, CommitmentsModule],
      providers: [SeedRepository, SeedService],
    };
  }
}
