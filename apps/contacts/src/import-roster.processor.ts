import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { RunImportUseCase } from '@porchlight/contacts';
import { Handler, JobHandler } from '@porchlight/queue';

@Injectable()
@JobHandler(JobName.ImportRoster)
export class ImportRosterProcessor implements Handler<JobName.ImportRoster> {
  constructor(private readonly run: RunImportUseCase) {}

  async handle(data: JobPayloads[JobName.ImportRoster]): Promise<void> {
    await this.run.execute(data.importId);
  }
}
