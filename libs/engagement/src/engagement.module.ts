import { DynamicModule, Module, Provider } from '@nestjs/common';
import { CloseTheLoopUseCase, DecisionInputsUseCases, DecisionsUseCases, PublicDecisionsUseCase } from './decisions';
import { ReachReportUseCase } from './reach';
import {
  DEFAULT_SURVEY_CSV_LIMITS,
  FanOutSurveyUseCase,
  PrepareSurveyUseCase,
  SURVEY_CSV_LIMITS,
  SurveyCsvLimits,
  SurveyCsvUseCase,
  SurveyResultsUseCase,
  SurveysUseCases,
  SurveySweep,
} from './surveys';

/**
 * Each app's part of engagement. Delivery imports none of it: the survey conversation reaches
 * inbound processing through `MessagingModule.forRoot({ delivery: { surveys: SurveyConversation } })`.
 */
export interface EngagementOptions {
  /** The API: surveys and their results, the reach report, the decision log and its public page. */
  api?: boolean;
  /** The API: how many survey CSV downloads stream at once, and for how long at most (defaults: `DEFAULT_SURVEY_CSV_LIMITS`). */
  csvDownloads?: SurveyCsvLimits;
  /** The dispatcher: survey fan-out and the sweep that closes, reminds and starts surveys. */
  dispatcher?: boolean;
  /** The translation app: surveys' texts prepared. */
  translation?: boolean;
}

const API = [
  SurveysUseCases,
  SurveyResultsUseCase,
  SurveyCsvUseCase,
  ReachReportUseCase,
  DecisionInputsUseCases,
  DecisionsUseCases,
  CloseTheLoopUseCase,
  PublicDecisionsUseCase,
];
const DISPATCHER = [FanOutSurveyUseCase, SurveySweep];
const TRANSLATION = [PrepareSurveyUseCase];

function useCases(options: EngagementOptions): Provider[] {
  return [...(options.api ? API : []), ...(options.dispatcher ? DISPATCHER : []), ...(options.translation ? TRANSLATION : [])];
}

/**
 * Surveys by SMS, the reach report and the decision log. `EngagementModule.forRoot(options)`
 * builds the sections an app names. Needs the database and queue modules (`TenantDb`,
 * `JobProducer`), IdentityModule (`TenantDirectory`), and for the API and translation sections
 * TranslationModule and (closing the loop writes a notice) MessagingModule with its `api` section;
 * all are global.
 */
@Module({})
export class EngagementModule {
  static forRoot(options: EngagementOptions): DynamicModule {
    const provided = useCases(options);
    const limits: Provider[] = options.api ? [{ provide: SURVEY_CSV_LIMITS, useValue: options.csvDownloads ?? DEFAULT_SURVEY_CSV_LIMITS }] : [];
    return { module: EngagementModule, providers: [...provided, ...limits], exports: provided };
  }
}
