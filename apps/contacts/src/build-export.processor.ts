import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { DEFAULT_JOB_OPTIONS, Handler, JobHandler } from '@porchlight/queue';
import { BuildExportUseCase } from '@porchlight/records';

@Injectable()
@JobHandler(JobName.BuildExport)
export class BuildExportProcessor implements Handler<JobName.BuildExport> {
  constructor(private readonly build: BuildExportUseCase) {}

  async handle(data: JobPayloads[JobName.BuildExport], attempt: { attemptsMade: number }): Promise<void> {
    try {
      await this.build.execute(data.exportId);
    } catch (error) {
      if (attempt.attemptsMade + 1 >= (DEFAULT_JOB_OPTIONS.attempts ?? 1)) await this.build.giveUp(data.exportId, (error as Error).message);
      throw error;
    }
  }
}
