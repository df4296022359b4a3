import { StaffPrincipal } from '@porchlight/contracts';
import { CreateNoticeUseCase, ProcessInboundUseCase } from '@porchlight/messaging';
import { TenantContext } from '@porchlight/tenancy';
import { SecretBox } from '@porchlight/identity';
import { createTwoSchoolDistrict, storeInbound, TEST_SECRETS_KEY, TwoSchoolDistrict, useIntegration } from '@porchlight/testing';
import { TenantTranslator } from '@porchlight/translation';
import { ReachReportUseCase } from '../reach/reach-report.use-case';
import { FanOutSurveyUseCase } from '../surveys/fan-out-survey.use-case';
import { PrepareSurveyUseCase } from '../surveys/prepare-survey.use-case';
import { SurveyConversation } from '../surveys/survey-conversation';
import { SurveysUseCases } from '../surveys/surveys.use-cases';
import { CloseTheLoopUseCase } from './close-the-loop.use-case';
import { DecisionInputsUseCases } from './decision-inputs.use-cases';
import { DecisionsUseCases } from './decisions.use-cases';

/**
 * A survey as a decision's input: who it asked and who answered (by language and school, within
 * the reader's schools), what families wrote, the families "you said, we did" goes to, and the
 * reach report counting an answer as the family's voice.
 */
describe('Surveys feeding decisions and the reach report (Postgres, Redis)', () => {
  const spec = useIntegration('survey-inputs', { poolSize: 3, tenant: false });
  let d: TwoSchoolDistrict;
  let admin: StaffPrincipal;
  let surveyId: string;
  const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, work);
  const inputs = () => new DecisionInputsUseCases(spec.db);
  const decisions = () => new DecisionsUseCases(spec.db, inputs());
  const text = async (phone: string, body: string) => {
    const id = await storeInbound(spec.db, d.fixture.tenantId, phone, body);
    await inTenant(() => new ProcessInboundUseCase(spec.db, spec.jobs, new SurveyConversation()).execute(id));
  };

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755508' });
    admin = { userId: d.fixture.adminId, tenantId: d.fixture.tenantId, role: 'district_admin', schoolIds: [], language: 'en' };
    const surveys = new SurveysUseCases(spec.db, spec.jobs, new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 } }));
    surveyId = await inTenant(async () => {
      const created = await surveys.create(admin, {
        title: 'Bus',
        sourceLanguage: 'en',
        audience: { contactIds: [d.contacts.northEs, d.contacts.southVi] },
        questions: [
          { key: 'bus', text: 'Does your child ride the bus?', kind: 'yesno' },
          { key: 'idea', text: 'What would help your family most?', kind: 'text' },
        ],
      });
      await surveys.putTranslation(admin, created.id, 'es', {
        questions: [
          { key: 'bus', text: '¿Toma el autobús?' },
          { key: 'idea', text: '¿Qué ayudaría más a su familia?' },
        ],
      });
      await surveys.putTranslation(admin, created.id, 'vi', {
        questions: [
          { key: 'bus', text: 'Con có đi xe buýt không?' },
          { key: 'idea', text: 'Điều gì giúp gia đình nhiều nhất?' },
        ],
      });
      await surveys.send(admin, created.id);
      expect(
        await new PrepareSurveyUseCase(spec.db, spec.jobs, new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 } })).execute(
          created.id,
        ),
      ).toBe('ready');
      await new FanOutSurveyUseCase(spec.db, spec.jobs).execute(created.id);
      return created.id;
    });
    // The questions reached both phones; the Spanish-speaking family answers both, the Vietnamese one stays silent.
    await spec.db.txFor(d.fixture.tenantId, (m) => m.query(`update messages set status = 'delivered' where survey_id = $1`, [surveyId]));
    await text(d.phones.northEs, 'sí');
    await text(d.phones.northEs, 'Un autobús más temprano');
  });

  it('shows who the survey asked and who answered, by language and school, and what families wrote', async () => {
    const decision = await inTenant(() => decisions().create(admin, { title: 'Bus times', question: 'Should buses run earlier?' }));
    const input = await inTenant(() => inputs().add(admin, decision.id, { surveyId }));
    expect(input).toMatchObject({ kind: 'survey', surveyId, participation: { asked: 2, answered: 1 } });
    expect(input.participation?.byLanguage).toEqual([
      { language: 'es', asked: 1, answered: 1 },
      { language: 'vi', asked: 1, answered: 0 },
    ]);
    expect(input.participation?.bySchool).toEqual(
      expect.arrayContaining([
        { schoolId: d.schools.north, asked: 1, answered: 1 },
        { schoolId: d.schools.south, asked: 1, answered: 0 },
      ]),
    );
    expect(input.said).toEqual([expect.objectContaining({ body: 'Un autobús más temprano' })]);

    // A reader scoped to the south school sees only its family: asked, silent, nothing said.
    const viewer = d.viewer('south staff');
    const south: StaffPrincipal = { userId: viewer.userId, tenantId: d.fixture.tenantId, role: viewer.role, schoolIds: [d.schools.south], language: 'en' };
    const [seen] = (await inTenant(() => decisions().get(south, decision.id))).inputs;
    expect(seen.participation).toMatchObject({ asked: 1, answered: 0, byLanguage: [{ language: 'vi', asked: 1, answered: 0 }] });
    expect(seen.said).toEqual([]);
  });

  it('writes "you said, we did" to the families who answered, or to all it asked', async () => {
    const closeTheLoop = new CloseTheLoopUseCase(spec.db, new CreateNoticeUseCase(spec.db));
    for (const [audience, expected] of [
      ['respondents', [d.contacts.northEs]],
      ['asked', [d.contacts.northEs, d.contacts.southVi]],
    ] as const) {
      const decision = await inTenant(() => decisions().create(admin, { title: `Bus times (${audience})`, question: 'Should buses run earlier?' }));
      await inTenant(() => inputs().add(admin, decision.id, { surveyId }));
      await inTenant(() => decisions().update(admin, decision.id, { status: 'decided', outcome: 'Buses leave 15 minutes earlier.' }));
      const notice = await inTenant(() =>
        closeTheLoop.execute(admin, decision.id, { body: 'You said, we did: buses leave earlier.', sourceLanguage: 'en', audience }),
      );
      expect([...(notice.audience.contactIds ?? [])].sort()).toEqual([...expected].sort());
    }
  });

  it('counts a survey answer as the family being heard in the reach report', async () => {
    const report = await inTenant(() => new ReachReportUseCase(spec.db).execute(admin, { by: 'language' }));
    const spanish = report.groups.find((group) => group.group === 'es');
    const vietnamese = report.groups.find((group) => group.group === 'vi');
    if (!spanish || !vietnamese) throw new Error('the report has no Spanish or no Vietnamese group');
    expect(spanish.answered).toBeGreaterThanOrEqual(1);
    expect(spanish.studentsHeard).toBeGreaterThanOrEqual(1);
    expect(vietnamese.answered).toBe(0);
  });
});
