import { DynamicModule, Module } from '@nestjs/common';
import { ContactRecordUseCase } from './contact-record.use-case';
import { BuildExportUseCase } from './exports/build-export.use-case';
import { EXPORTS_RECONCILER_OPTIONS, ExportsReconciler, ExportsReconcilerOptions } from './exports/exports-reconciler';
import { ExportsUseCases } from './exports/exports.use-cases';
import { RETENTION_OPTIONS, RetentionOptions, RetentionUseCase } from './retention/retention.use-case';

export interface RecordsOptions {
  /** The reconciler of exports whose job Redis lost (the dispatcher runs it). */
  exportsReconciler: ExportsReconcilerOptions;
  retention?: RetentionOptions;
}

const USE_CASES = [ContactRecordUseCase, ExportsUseCases, BuildExportUseCase, RetentionUseCase];

/**
 * Records requests (one family member's record, district exports) and retention. Imported as is,
 * it needs no config; `forRoot` adds what the dispatcher runs with its settings.
 */
@Module({ providers: USE_CASES, exports: USE_CASES })
export class RecordsModule {
  static forRoot(options: RecordsOptions): DynamicModule {
    return {
      module: RecordsModule,
      providers: [
        { provide: EXPORTS_RECONCILER_OPTIONS, useValue: options.exportsReconciler },
        { provide: RETENTION_OPTIONS, useValue: options.retention ?? {} },
        ExportsReconciler,
      ],
      exports: [ExportsReconciler],
    };
  }
}
