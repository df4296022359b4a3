import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@porchlight/contracts';
import { query, TenantDb } from '@porchlight/database';
import { TenantDirectory, tenantProfile } from '@porchlight/identity';
import { noticeProgressSql } from '@porchlight/messaging';
import { TenantContext } from '@porchlight/tenancy';
import { readyNoticeTranslationsSql, recallTranslations, TenantTranslator } from '@porchlight/translation';
import { PAGE_TEXTS, PageTexts } from './public-page-texts';

/** At most this many decisions on the page, newest first. */
const LIMIT = 50;

export interface PublicText {
  text: string;
  /** False when no translation into the page's language exists: `text` is the source, in `language`. */
  translated: boolean;
  language: string;
}

export interface PublicDecision {
  title: PublicText;
  outcome: PublicText | null;
  /** The "you said, we did" notice as families received it in this language. */
  message: PublicText | null;
  communicatedAt: string | null;
}

export interface PublicDecisionsPage {
  district: string;
  language: string;
  languages: string[];
  slug: string;
  texts: PageTexts;
  decisions: PublicDecision[];
}

interface Row {
  title: string;
  outcome: string | null;
  language: string;
  communicated_at: Date | null;
  notice_body: string | null;
  notice_language: string | null;
  message: string | null;
}

/**
 * The district's public "you said, we did" page: its communicated decisions in the family's
 * language, with nothing personal — titles and outcomes staff wrote, and the notice families were
 * sent. Texts come from a person's translation (the notice's own, or the translation memory), else
 * the district's engine (cached), else the source with a note.
 */
@Injectable()
export class PublicDecisionsUseCase {
  private readonly logger = new Logger(PublicDecisionsUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly directory: TenantDirectory,
    private readonly translator: TenantTranslator,
  ) {}

  async execute(slug: string, requested: string | undefined): Promise<PublicDecisionsPage> {
    const tenantId = /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug) ? await this.directory.bySlug(slug) : undefined;
    if (!tenantId) throw DomainError.notFound('district');
    return TenantContext.run({ tenantId, correlationId: `public-${slug}` }, async () => {
      const { tenant, rows, memory } = await this.db.tx(async (m) => {
        const profile = await tenantProfile(m, tenantId);
        const language = pickLanguage(requested, profile);
        const rows = await query<Row>(
          m,
          `select d.title, d.outcome, d.language, coalesce(d.communicated_at, n.fanned_out_at) as communicated_at,
                  n.body as notice_body, n.source_language as notice_language,
                  case when n.source_language = $1 then n.body else t.body end as message
           from decisions d
           left join (${noticeProgressSql()}) n on n.id = d.loop_notice_id
           left join (${readyNoticeTranslationsSql('$1')}) t on t.notice_id = n.id
           where d.status = 'communicated' or (d.status = 'decided' and n.fanned_out_at is not null)
           order by coalesce(d.communicated_at, n.fanned_out_at) desc nulls last, d.created_at desc
           limit ${String(LIMIT)}`,
          [language],
        );
        const memory = new Map<string, string>();
        for (const row of rows) {
          for (const text of [row.title, row.outcome]) {
            if (!text || row.language === language) continue;
            const found = await recallTranslations(m, { language: row.language, text }, [language]);
            const body = found.get(language);
            if (body) memory.set(`${row.language}\u0000${text}`, body);
          }
        }
        return { tenant: { name: profile.name, languages: profile.languages, language }, rows, memory };
      });
      const language = tenant.language;
      const translate = async (text: string, from: string): Promise<PublicText> => {
        if (from === language) return { text, translated: true, language };
        const remembered = memory.get(`${from}\u0000${text}`);
        if (remembered) return { text: remembered, translated: true, language };
        try {
          const machine = await this.translator.translate(text, from, language);
          if (machine.intact) return { text: machine.text, translated: true, language };
        } catch (error: unknown) {
          this.logger.debug({ msg: 'public page text left untranslated', reason: error instanceof Error ? error.message : String(error) });
        }
        return { text, translated: false, language: from };
      };
      const decisions: PublicDecision[] = [];
      for (const row of rows) {
        decisions.push({
          title: await translate(row.title, row.language),
          outcome: row.outcome ? await translate(row.outcome, row.language) : null,
          message: row.message
            ? { text: row.message, translated: true, language }
            : row.notice_body && row.notice_language
              ? await translate(row.notice_body, row.notice_language)
              : null,
          communicatedAt: row.communicated_at?.toISOString() ?? null,
        });
      }
      return { district: tenant.name, language, languages: tenant.languages, slug, texts: await this.texts(language), decisions };
    });
  }

  /** The page's own words: written for English and Spanish, through the district's engine for other languages when it has one. */
  private async texts(language: string): Promise<PageTexts> {
    if (Object.hasOwn(PAGE_TEXTS, language)) return PAGE_TEXTS[language];
    const english = PAGE_TEXTS.en;
    const out = { ...english };
    try {
      for (const key of Object.keys(english) as (keyof PageTexts)[]) {
        const machine = await this.translator.translate(english[key], 'en', language);
        if (!machine.intact) return english;
        out[key] = machine.text;
      }
      return out;
    } catch {
      return english;
    }
  }
}

/** The language asked for when the district speaks it, else the district's default. */
function pickLanguage(requested: string | undefined, tenant: { defaultLanguage: string; languages: string[] }): string {
  if (!requested) return tenant.defaultLanguage;
  const match = tenant.languages.find((l) => l.toLowerCase() === requested.toLowerCase());
  return match ?? tenant.defaultLanguage;
}
