import { measureSms, smartenToGsm } from '@porchlight/sms';
import { ChosenText, NoticeTextDecision, NoticeTexts, NoticeTextSubject } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { NoticeTranslationView, NoticeView } from './notice-views';

export const textSubject = (notice: NoticeView): NoticeTextSubject => ({
  id: notice.id,
  body: notice.body,
  sourceLanguage: notice.sourceLanguage,
  urgency: notice.urgency,
  template: notice.template,
});

/** The source language first, then every other language asked for, as the decision fills them. */
export function translationViews(notice: NoticeView, languages: string[], decision: NoticeTextDecision): NoticeTranslationView[] {
  const others = [...new Set(languages)].filter((language) => language !== notice.sourceLanguage).sort();
  const source: Pick<ChosenText, 'body' | 'status'> & { origin: 'source' } = { body: notice.body, origin: 'source', status: 'ready' };
  return [notice.sourceLanguage, ...others].map((language) => {
    const text = language === notice.sourceLanguage ? source : decision.texts.get(language);
    if (!text) {
      const failure = decision.failures.get(language);
      return { language, body: null, origin: null, status: 'missing', segments: 0, encoding: null, ...(failure ? { machineError: failure } : {}) };
    }
    return measured(notice, language, text);
  });
}

/** One language's text as it will be sent, with its segments and encoding (after smart encoding when the notice asks for it). */
function measured(
  notice: NoticeView,
  language: string,
  text: Pick<ChosenText, 'body' | 'status' | 'provider' | 'reviewReason' | 'fallback'> & { origin: NoticeTranslationView['origin'] },
): NoticeTranslationView {
  const raw = measureSms(text.body);
  const view: NoticeTranslationView = {
    language,
    body: text.body,
    origin: text.origin,
    status: text.status,
    segments: raw.segments,
    encoding: raw.encoding,
    ...(text.provider ? { provider: text.provider } : {}),
    ...(text.reviewReason ? { reviewReason: text.reviewReason } : {}),
    ...(text.fallback ? { fallback: true } : {}),
  };
  if (!notice.smartEncoding) return view;
  const smart = smartenToGsm(text.body);
  if (!smart.replaced) return view;
  const after = measureSms(smart.text);
  return {
    ...view,
    body: smart.text,
    segments: after.segments,
    encoding: after.encoding,
    smartEncoding: { applied: true, segmentsWithout: raw.segments, encodingWithout: raw.encoding },
  };
}

/** Views of what the database alone gives (person, catalog, memory), inside the caller's transaction. */
export async function knownTranslationViews(m: EntityManager, texts: NoticeTexts, notice: NoticeView, languages: string[]): Promise<NoticeTranslationView[]> {
  return translationViews(notice, languages, await texts.known(m, textSubject(notice), languages));
}
