import { Injectable, Logger } from '@nestjs/common';
import { DomainError, JobName, StaffPrincipal } from '@porchlight/contracts';
import { audienceCountsSql, FamilyScope, toAudienceCounts } from '@porchlight/contacts';
import { rows, TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { measureSms } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { rememberTranslation, TenantTranslator } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { checkAudience } from './check-audience';
import { openSurvey, surveyAudience, SurveyRow } from './survey-access';
import { renderStep } from './survey-render';
import { summarise, unitViews } from './survey-texts';
import { optionUnit, questionUnit, surveyUnits } from './survey-units';
import { CreateSurveyInput, SurveyPreview, SurveyTranslationInput, SurveyTranslationView, SurveyView } from './survey.types';
import { checkSurvey } from './validate-survey';
import { closeSurvey } from './close-survey';

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

/** Writing, previewing, translating, sending and closing surveys (the API's use-cases). */
@Injectable()
export class SurveysUseCases {
  private readonly logger = new Logger(SurveysUseCases.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    private readonly translator: TenantTranslator | null = null,
  ) {}

  async create(actor: StaffPrincipal, input: CreateSurveyInput): Promise<SurveyView> {
    const scope = FamilyScope.of(actor);
    if ((input.audience.schoolIds ?? []).some((id) => !scope.seesSchool(id))) throw DomainError.notFound('school');
    const extra: { field: string; message: string }[] = [];
    if (input.closesAt && new Date(input.closesAt).getTime() <= Date.now()) extra.push({ field: 'closesAt', message: 'closesAt must be in the future' });
    checkSurvey(input.questions, extra);
    return this.db.tx(async (m) => {
      await checkAudience(m, scope, input.audience);
      if (input.decisionId) await this.checkDecision(m, input.decisionId);
      const [row] = await m.query(
        `insert into surveys (tenant_id, author_user_id, title, source_language, audience, intro, questions, closes_at, decision_id, reminder_after_seconds, correlation_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
        [
          actor.tenantId,
          actor.userId,
          input.title,
          input.sourceLanguage,
          JSON.stringify(input.audience),
          input.intro ?? null,
          JSON.stringify(
            input.questions.map(({ key, text, kind, options, scale }) => ({ key, text, kind, ...(options ? { options } : {}), ...(scale ? { scale } : {}) })),
          ),
          input.closesAt ?? null,
          input.decisionId ?? null,
          input.reminder ? Math.round(input.reminder.afterHours * 3600) : null,
          TenantContext.correlationId() ?? null,
        ],
      );
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'survey.created',
        subjectType: 'survey',
        subjectId: row.id,
        data: { questions: input.questions.length },
      });
      return this.view(m, actor, await openSurvey(m, actor, row.id));
    });
  }

  /** The decision the survey feeds must be one of this district's. */
  private async checkDecision(m: EntityManager, decisionId: string): Promise<void> {
    const [found] = await m.query(`select 1 from decisions where id = $1`, [decisionId]);
    if (!found) throw new DomainError('invalid', 'validation failed', [{ field: 'decisionId', message: 'unknown decision' }]);
  }

  async list(actor: StaffPrincipal, filter: { status?: string } = {}): Promise<SurveyView[]> {
    return this.db.tx(async (m) => {
      const found: SurveyRow[] = await m.query(`select * from surveys where ($1::text is null or status = $1) order by created_at desc, id limit 200`, [
        filter.status ?? null,
      ]);
      const visible: SurveyView[] = [];
      for (const row of found) {
        try {
          visible.push(await this.view(m, actor, await openSurvey(m, actor, row.id)));
        } catch (error) {
          if (!(error instanceof DomainError) || error.code !== 'not_found') throw error;
        }
      }
      return visible;
    });
  }

  get(actor: StaffPrincipal, id: string): Promise<SurveyView> {
    return this.db.tx(async (m) => this.view(m, actor, await openSurvey(m, actor, id)));
  }

  async preview(actor: StaffPrincipal, id: string): Promise<SurveyPreview> {
    return this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id);
      const q = await surveyAudience(m, survey, FamilyScope.of(actor));
      const counts = toAudienceCounts((await m.query(audienceCountsSql(q), q.params))[0]);
      const translations = await this.translations(m, survey, Object.keys(counts.byLanguage));
      const segments = new Map(translations.map((t) => [t.language, t.questions.reduce((sum, question) => sum + question.segments, 0)]));
      const estimatedSegments = Object.entries(counts.byLanguage).reduce(
        (sum, [language, n]) => sum + n * (segments.get(language) || segments.get(survey.source_language) || 0),
        0,
      );
      return { recipients: { total: counts.total, byLanguage: counts.byLanguage }, suppressed: counts.suppressed, translations, estimatedSegments };
    });
  }

  private async translations(m: EntityManager, survey: SurveyRow, languages: string[]): Promise<SurveyTranslationView[]> {
    const wanted = [survey.source_language, ...[...new Set(languages)].filter((l) => l !== survey.source_language).sort()];
    const views = await unitViews(m, survey, wanted);
    return wanted.map((language) => {
      const units = views.get(language)!;
      const { origin, status } = summarise(units);
      const texts = new Map(units.filter((u) => u.body !== null).map((u) => [u.unit, u.body!]));
      const questions = survey.questions.map((question, i) => {
        const body = status === 'missing' ? null : renderStep(survey, language, texts, { kind: 'question', key: question.key, first: i === 0 });
        return { key: question.key, body, segments: body ? measureSms(body).segments : 0 };
      });
      const first = questions[0]?.body ?? null;
      const measured = first ? measureSms(first) : null;
      return { language, body: first, origin, status, segments: measured?.segments ?? 0, encoding: measured?.encoding ?? null, questions, units };
    });
  }

  /** A person writes or corrects texts of one language (origin human); each enters the translation memory. */
  async putTranslation(actor: StaffPrincipal, id: string, language: string, input: SurveyTranslationInput): Promise<SurveyTranslationView> {
    return this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id, true);
      if (language === survey.source_language) {
        throw new DomainError('invalid', 'validation failed', [
          { field: 'language', message: 'this is the survey source language: write a new survey instead' },
        ]);
      }
      if (survey.status !== 'draft') throw new DomainError('conflict', 'the survey has been sent; its translations can no longer change');
      const source = new Map(surveyUnits(survey).map(({ unit, text }) => [unit, text]));
      const given: { unit: string; body: string; field: string }[] = [];
      if (input.intro !== undefined) given.push({ unit: 'intro', body: input.intro, field: 'intro' });
      (input.questions ?? []).forEach((question, i) => {
        if (question.text !== undefined) given.push({ unit: questionUnit(question.key), body: question.text, field: `questions.${i}.text` });
        (question.options ?? []).forEach((option, j) =>
          given.push({ unit: optionUnit(question.key, option.key), body: option.label, field: `questions.${i}.options.${j}.label` }),
        );
      });
      const unknown = given.filter((g) => !source.has(g.unit)).map((g) => ({ field: g.field, message: `the survey has no ${g.unit}` }));
      if (given.length === 0) unknown.push({ field: 'questions', message: 'give at least one text' });
      if (unknown.length > 0) throw new DomainError('invalid', 'validation failed', unknown);
      for (const { unit, body } of given) {
        await m.query(
          `insert into survey_texts (tenant_id, survey_id, language, unit, body, origin, status, updated_by) values ($1, $2, $3, $4, $5, 'human', 'ready', $6)
           on conflict (survey_id, language, unit) do update set body = excluded.body, origin = 'human', status = 'ready', provider = null, review_reason = null,
             updated_by = excluded.updated_by, updated_at = now()`,
          [actor.tenantId, id, language, unit, body, actor.userId],
        );
        await rememberTranslation(m, actor.tenantId, {
          sourceLanguage: survey.source_language,
          sourceText: source.get(unit)!,
          language,
          body,
          approvedBy: actor.userId,
        });
      }
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'survey.translation_set',
        subjectType: 'survey',
        subjectId: id,
        data: { language, units: given.length },
      });
      return (await this.translations(m, survey, [language])).find((t) => t.language === language)!;
    });
  }

  /** A liaison or district admin accepts every text of one language that waits for review; each enters the memory. */
  async approveTranslation(actor: StaffPrincipal, id: string, language: string): Promise<SurveyTranslationView> {
    return this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id, true);
      if (actor.role !== 'liaison' && actor.role !== 'district_admin')
        throw new DomainError('forbidden', 'only a liaison or a district admin approves translations');
      if (survey.status !== 'draft') throw new DomainError('conflict', 'the survey has been sent; its translations can no longer change');
      const approved = await rows<{ unit: string; body: string }>(
        m,
        `update survey_texts set status = 'ready', review_reason = null, updated_by = $3, updated_at = now()
         where survey_id = $1 and language = $2 and status = 'needs_review' returning unit, body`,
        [id, language, actor.userId],
      );
      if (approved.length === 0) throw DomainError.notFound('translation');
      const source = new Map(surveyUnits(survey).map(({ unit, text }) => [unit, text]));
      for (const { unit, body } of approved) {
        if (source.has(unit))
          await rememberTranslation(m, actor.tenantId, {
            sourceLanguage: survey.source_language,
            sourceText: source.get(unit)!,
            language,
            body,
            approvedBy: actor.userId,
          });
      }
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'survey.translation_approved',
        subjectType: 'survey',
        subjectId: id,
        data: { language },
      });
      return (await this.translations(m, survey, [language])).find((t) => t.language === language)!;
    });
  }

  /** Sends a draft as a notice is sent: languages to review refuse (409), missing ones follow the district's policy. */
  async send(actor: StaffPrincipal, id: string): Promise<SurveyView> {
    const view = await this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id, true);
      if (survey.status !== 'draft') throw new DomainError('conflict', `the survey is already ${survey.status}`);
      if (survey.closes_at && new Date(survey.closes_at).getTime() <= Date.now()) throw new DomainError('conflict', 'the survey closed before it was sent');
      const scope = FamilyScope.of(actor);
      if (!scope.districtWide && survey.author_user_id !== actor.userId)
        throw new DomainError('forbidden', 'a survey is sent by its author or a district admin');
      const q = await surveyAudience(m, survey);
      const counts = toAudienceCounts((await m.query(audienceCountsSql(q), q.params))[0]);
      const translations = await this.translations(m, survey, Object.keys(counts.byLanguage));
      const toReview = translations.filter((t) => t.status === 'needs_review').map((t) => t.language);
      if (toReview.length > 0)
        throw new DomainError('conflict', `translations to review before sending: ${toReview.join(', ')}`, { reviewLanguages: toReview });
      const missing = translations.filter((t) => t.status === 'missing').map((t) => t.language);
      const [{ translation }] = await m.query(`select translation from tenants where id = $1`, [actor.tenantId]);
      const machine = missing.length > 0 && this.translator !== null && (await this.translator.configured(m));
      if (missing.length > 0 && !machine && translation.untranslatedPolicy !== 'send_source') {
        throw new DomainError('conflict', `translations needed before sending: ${missing.join(', ')}`, { missingLanguages: missing });
      }
      await m.query(
        `update surveys set status = 'translating', status_reason = null, send_requested_at = now(), correlation_id = coalesce($2, correlation_id), updated_at = now() where id = $1`,
        [id, TenantContext.correlationId() ?? null],
      );
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'survey.send',
        subjectType: 'survey',
        subjectId: id,
        data: { recipients: counts.total, languages: counts.byLanguage },
      });
      return this.view(m, actor, await openSurvey(m, actor, id));
    });
    this.logger.log({ msg: 'survey send requested', surveyId: id });
    await this.jobs.add({ name: JobName.TranslateSurvey, tenantId: actor.tenantId, surveyId: id });
    return view;
  }

  /** Closes the survey: questions not yet sent are not sent, later answers are thanked and not counted. */
  async close(actor: StaffPrincipal, id: string): Promise<SurveyView> {
    return this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id, true);
      if (!FamilyScope.of(actor).districtWide && survey.author_user_id !== actor.userId)
        throw new DomainError('forbidden', 'a survey is closed by its author or a district admin');
      if (survey.status === 'closed') throw new DomainError('conflict', 'the survey is already closed');
      await closeSurvey(m, id);
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'survey.closed', subjectType: 'survey', subjectId: id });
      return this.view(m, actor, await openSurvey(m, actor, id));
    });
  }

  private async view(m: EntityManager, actor: StaffPrincipal, row: SurveyRow): Promise<SurveyView> {
    const params: unknown[] = [row.id];
    const [stats] = await m.query(
      `select count(*)::int as recipients,
         count(*) filter (where status = 'asking')::int as asking, count(*) filter (where status = 'waiting')::int as waiting,
         count(*) filter (where status = 'done')::int as done, count(*) filter (where status = 'stopped')::int as stopped,
         count(*) filter (where status = 'suppressed')::int as suppressed
       from survey_recipients r where r.survey_id = $1 and ${FamilyScope.of(actor).phoneSql('r.phone', params)}`,
      params,
    );
    return {
      id: row.id,
      title: row.title,
      sourceLanguage: row.source_language,
      audience: row.audience,
      intro: row.intro,
      closesAt: iso(row.closes_at),
      decisionId: row.decision_id,
      reminder: row.reminder_after_seconds ? { afterHours: row.reminder_after_seconds / 3600 } : null,
      questions: row.questions,
      status: row.status,
      statusReason: row.status_reason,
      authorUserId: row.author_user_id,
      createdAt: iso(row.created_at)!,
      sendRequestedAt: iso(row.send_requested_at),
      openedAt: iso(row.opened_at),
      closedAt: iso(row.closed_at),
      stats,
    };
  }
}
