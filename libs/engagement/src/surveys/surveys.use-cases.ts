import { Injectable, Logger } from '@nestjs/common';
import { DomainError, JobName, StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { audit, tenantProfile } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { rememberTranslation, reviewRequired, TenantTranslator } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { checkAudience } from './check-audience';
import { SurveyEntity } from '../data/survey.entity';
import { insertSurvey, recentSurveys, updateSurvey } from '../data/surveys.repository';
import { approveTexts, putHumanText } from '../data/survey-texts.repository';
import { decisionExists } from '../data/decisions.repository';
import { openSurvey, surveyAudience } from './survey-access';
import { countAudience, surveyView, translationView, translationViews } from './survey-views';
import { optionUnit, questionUnit, surveyUnits } from './survey-units';
import { CreateSurveyInput, SurveyPreview, SurveyTranslationInput, SurveyTranslationView, SurveyView } from './survey.types';
import { checkSurvey, timingProblems } from './validate-survey';
import { closeSurvey } from './close-survey';
import { missingTexts, writeMachineTexts } from './survey-machine-texts';

/** Writing, previewing, translating, sending and closing surveys (the API's use-cases). */
@Injectable()
export class SurveysUseCases {
  private readonly logger = new Logger(SurveysUseCases.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    private readonly translator: TenantTranslator,
  ) {}

  async create(actor: StaffPrincipal, input: CreateSurveyInput): Promise<SurveyView> {
    const scope = FamilyScope.of(actor);
    if ((input.audience.schoolIds ?? []).some((id) => !scope.seesSchool(id))) throw DomainError.notFound('school');
    const extra = timingProblems(input, Date.now());
    checkSurvey(input.questions, extra);
    return this.db.tx(async (m) => {
      await checkAudience(m, scope, input.audience);
      if (input.decisionId) await this.checkDecision(m, input.decisionId);
      const id = await insertSurvey(m, {
        tenantId: actor.tenantId,
        authorUserId: actor.userId,
        title: input.title,
        sourceLanguage: input.sourceLanguage,
        audience: input.audience,
        intro: input.intro ?? null,
        questions: input.questions.map(({ key, text, kind, options, scale }) => ({
          key,
          text,
          kind,
          ...(options ? { options } : {}),
          ...(scale ? { scale } : {}),
        })),
        closesAt: input.closesAt ? new Date(input.closesAt) : null,
        scheduledAt: input.scheduledAt ? new Date(input.scheduledAt) : null,
        decisionId: input.decisionId ?? null,
        reminderAfterSeconds: input.reminder ? Math.round(input.reminder.afterHours * 3600) : null,
        correlationId: TenantContext.correlationId() ?? null,
      });
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'survey.created',
        subjectType: 'survey',
        subjectId: id,
        data: { questions: input.questions.length, ...(input.scheduledAt ? { scheduledAt: new Date(input.scheduledAt).toISOString() } : {}) },
      });
      return surveyView(m, actor, await openSurvey(m, actor, id));
    });
  }

  /** The decision the survey feeds must be one of this district's. */
  private async checkDecision(m: EntityManager, decisionId: string): Promise<void> {
    if (!(await decisionExists(m, decisionId))) throw new DomainError('invalid', 'validation failed', [{ field: 'decisionId', message: 'unknown decision' }]);
  }

  async list(actor: StaffPrincipal, filter: { status?: SurveyEntity['status'] } = {}): Promise<SurveyView[]> {
    return this.db.tx(async (m) => {
      const found = await recentSurveys(m, filter.status);
      const visible: SurveyView[] = [];
      for (const row of found) {
        try {
          visible.push(await surveyView(m, actor, await openSurvey(m, actor, row.id)));
        } catch (error: unknown) {
          if (!(error instanceof DomainError) || error.code !== 'not_found') throw error;
        }
      }
      return visible;
    });
  }

  get(actor: StaffPrincipal, id: string): Promise<SurveyView> {
    return this.db.tx(async (m) => surveyView(m, actor, await openSurvey(m, actor, id)));
  }

  /**
   * What families will read, language by language. For a draft, the district's engines first write
   * the texts nobody else has (as preparation would, stored with their origin and review status), so
   * staff see and approve the machine's words before anything is sent.
   */
  async preview(actor: StaffPrincipal, id: string): Promise<SurveyPreview> {
    const machine = await this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id);
      if (survey.status !== 'draft' || !(await this.translator.configured(m))) return null;
      const counts = await countAudience(m, await surveyAudience(m, survey, FamilyScope.of(actor)));
      const languages = Object.keys(counts.byLanguage).filter((l) => l !== survey.sourceLanguage);
      const missing = await missingTexts(m, actor.tenantId, survey, languages);
      const { translation } = await tenantProfile(m, actor.tenantId);
      return { survey, missing, review: reviewRequired(translation, 'normal') };
    });
    if (machine && machine.missing.length > 0) {
      await writeMachineTexts(this.db, this.translator, actor.tenantId, machine.survey, machine.missing, machine.review);
    }
    return this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id);
      const q = await surveyAudience(m, survey, FamilyScope.of(actor));
      const counts = await countAudience(m, q);
      const translations = await translationViews(m, survey, Object.keys(counts.byLanguage));
      const segments = new Map(translations.map((t) => [t.language, t.questions.reduce((sum, question) => sum + question.segments, 0)]));
      const estimatedSegments = Object.entries(counts.byLanguage).reduce(
        (sum, [language, n]) => sum + n * (segments.get(language) || segments.get(survey.sourceLanguage) || 0),
        0,
      );
      return { recipients: { total: counts.total, byLanguage: counts.byLanguage }, suppressed: counts.suppressed, translations, estimatedSegments };
    });
  }

  /** A person writes or corrects texts of one language (origin human); each enters the translation memory. */
  async putTranslation(actor: StaffPrincipal, id: string, language: string, input: SurveyTranslationInput): Promise<SurveyTranslationView> {
    return this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id, true);
      if (language === survey.sourceLanguage) {
        throw new DomainError('invalid', 'validation failed', [
          { field: 'language', message: 'this is the survey source language: write a new survey instead' },
        ]);
      }
      if (survey.status !== 'draft') throw new DomainError('conflict', 'the survey has been sent; its translations can no longer change');
      const source = new Map(surveyUnits(survey).map(({ unit, text }) => [unit, text]));
      const given: { unit: string; body: string; field: string }[] = [];
      if (input.intro !== undefined) given.push({ unit: 'intro', body: input.intro, field: 'intro' });
      (input.questions ?? []).forEach((question, i) => {
        if (question.text !== undefined) given.push({ unit: questionUnit(question.key), body: question.text, field: `questions.${String(i)}.text` });
        (question.options ?? []).forEach((option, j) =>
          given.push({ unit: optionUnit(question.key, option.key), body: option.label, field: `questions.${String(i)}.options.${String(j)}.label` }),
        );
      });
      const unknown = given.filter((g) => !source.has(g.unit)).map((g) => ({ field: g.field, message: `the survey has no ${g.unit}` }));
      if (given.length === 0) unknown.push({ field: 'questions', message: 'give at least one text' });
      if (unknown.length > 0) throw new DomainError('invalid', 'validation failed', unknown);
      for (const { unit, body } of given) {
        await putHumanText(m, { tenantId: actor.tenantId, surveyId: id, language, unit, body, updatedBy: actor.userId });
        await rememberTranslation(m, actor.tenantId, {
          sourceLanguage: survey.sourceLanguage,
          sourceText: source.get(unit) ?? '',
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
      return translationView(m, survey, language);
    });
  }

  /** A liaison or district admin accepts every text of one language that waits for review; each enters the memory. */
  async approveTranslation(actor: StaffPrincipal, id: string, language: string): Promise<SurveyTranslationView> {
    return this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id, true);
      if (actor.role !== 'liaison' && actor.role !== 'district_admin')
        throw new DomainError('forbidden', 'only a liaison or a district admin approves translations');
      if (survey.status !== 'draft') throw new DomainError('conflict', 'the survey has been sent; its translations can no longer change');
      const approved = await approveTexts(m, id, language, actor.userId);
      if (approved.length === 0) throw DomainError.notFound('translation');
      const source = new Map(surveyUnits(survey).map(({ unit, text }) => [unit, text]));
      for (const { unit, body } of approved) {
        const sourceText = source.get(unit);
        if (sourceText !== undefined)
          await rememberTranslation(m, actor.tenantId, {
            sourceLanguage: survey.sourceLanguage,
            sourceText,
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
      return translationView(m, survey, language);
    });
  }

  /** Sends a draft as a notice is sent: languages to review refuse (409), missing ones follow the district's policy. */
  async send(actor: StaffPrincipal, id: string): Promise<SurveyView> {
    const view = await this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id, true);
      if (survey.status !== 'draft') throw new DomainError('conflict', `the survey is already ${survey.status}`);
      if (survey.closesAt && survey.closesAt.getTime() <= Date.now()) throw new DomainError('conflict', 'the survey closed before it was sent');
      const scope = FamilyScope.of(actor);
      if (!scope.districtWide && survey.authorUserId !== actor.userId) throw new DomainError('forbidden', 'a survey is sent by its author or a district admin');
      const q = await surveyAudience(m, survey);
      const counts = await countAudience(m, q);
      const translations = await translationViews(m, survey, Object.keys(counts.byLanguage));
      const toReview = translations.filter((t) => t.status === 'needs_review').map((t) => t.language);
      if (toReview.length > 0)
        throw new DomainError('conflict', `translations to review before sending: ${toReview.join(', ')}`, { reviewLanguages: toReview });
      const missing = translations.filter((t) => t.status === 'missing').map((t) => t.language);
      const { translation } = await tenantProfile(m, actor.tenantId);
      const machine = missing.length > 0 && (await this.translator.configured(m));
      if (missing.length > 0 && !machine && translation?.untranslatedPolicy !== 'send_source') {
        throw new DomainError('conflict', `translations needed before sending: ${missing.join(', ')}`, { missingLanguages: missing });
      }
      const correlationId = TenantContext.correlationId();
      await updateSurvey(m, id, {
        status: 'translating',
        statusReason: null,
        sendRequestedAt: () => 'now()',
        preparedAt: null,
        ...(correlationId ? { correlationId } : {}),
      });
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'survey.send',
        subjectType: 'survey',
        subjectId: id,
        data: { recipients: counts.total, languages: counts.byLanguage },
      });
      return surveyView(m, actor, await openSurvey(m, actor, id));
    });
    this.logger.log({ msg: 'survey send requested', surveyId: id });
    await this.jobs.add({ name: JobName.TranslateSurvey, tenantId: actor.tenantId, surveyId: id });
    return view;
  }

  /** Closes the survey: questions not yet sent are not sent, later answers are thanked and not counted. */
  async close(actor: StaffPrincipal, id: string): Promise<SurveyView> {
    return this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id, true);
      if (!FamilyScope.of(actor).districtWide && survey.authorUserId !== actor.userId)
        throw new DomainError('forbidden', 'a survey is closed by its author or a district admin');
      if (survey.status === 'closed') throw new DomainError('conflict', 'the survey is already closed');
      await closeSurvey(m, id);
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'survey.closed', subjectType: 'survey', subjectId: id });
      return surveyView(m, actor, await openSurvey(m, actor, id));
    });
  }
}
