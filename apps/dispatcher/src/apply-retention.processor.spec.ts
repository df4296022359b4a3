import { RetentionUseCase } from '@porchlight/records';
import { UnrecoverableError } from 'bullmq';
import { ApplyRetentionProcessor } from './apply-retention.processor';

describe('ApplyRetentionProcessor', () => {
  const processor = (failed: string[]) => {
    const sweep = jest.fn(async () => ({ tenants: 3, failed }));
    return { sweep, processor: new ApplyRetentionProcessor({ sweep } as unknown as RetentionUseCase) };
  };

  it('sweeps every district under the job correlation id', async () => {
    const { sweep, processor: p } = processor([]);
    await expect(p.handle({ correlationId: 'retention' })).resolves.toBeUndefined();
    expect(sweep).toHaveBeenCalledWith('retention');
  });

  it('fails the job without a retry when a district failed, naming it', async () => {
    const { processor: p } = processor(['7f1c0e8e-0000-4000-8000-000000000001']);
    const outcome = p.handle({ correlationId: 'retention' });
    await expect(outcome).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(outcome).rejects.toThrow('7f1c0e8e-0000-4000-8000-000000000001');
  });
});
