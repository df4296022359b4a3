import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { RunImportUseCase } from '@porchlight/contacts';
import { DEFAULT_JOB_OPTIONS, Handler, JobHandler } from '@porchlight/queue';

@Injectable()
@JobHandler(JobName.ImportRoster)
export class ImportRosterProcessor implements Handler<JobName.ImportRoster> {
  constructor(private readonly run: RunImportUseCase) {}

  async handle(data: JobPayloads[JobName.ImportRoster], attempt: { attemptsMade: number }): Promise<void> {
    try {
      await this.run.execute(data.importId);
    } catch (error) {
      if (attempt.attemptsMade + 1 >= (DEFAULT_JOB_OPTIONS.attempts ?? 1)) await this.run.giveUp(data.importId, (error as Error).message);
      throw error;
    }
  }
}
