import { complianceReply, KEYWORD_TABLE, KeywordLanguage } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { addFamilies, createNoticeFixture, storeInbound, useIntegration } from '@porchlight/testing';
import { FanOutNoticeUseCase } from './fan-out.use-case';
import { InboundSurveys, ProcessInboundUseCase } from './process-inbound.use-case';

/** No survey asks these phones anything: surveys are engagement's, a domain above messaging. */
const noSurveys: InboundSurveys = { answer: () => Promise.resolve(null), stop: () => Promise.resolve() };

/** The opt-out words families text, by the language they prefer; the second is how a tired parent types it. */
const STOPS: [KeywordLanguage, string, string][] = [
  ['en', 'STOP', 'stop texting me'],
  ['es', 'PARAR', 'basta.'],
  ['es', 'ALTO', 'Alto!'],
  ['vi', 'DỪNG', 'dung'],
  ['zh-Hans', '停止', '退订'],
  ['zh-Hant', '停止', '停止。'],
  ['ar', 'توقف', ' توقف '],
  ['so', 'JOOJI', 'jooji'],
  ['ht', 'SISPANN', 'sispann!'],
  ['pt', 'PARE', 'pare'],
  ['fr', 'ARRÊTER', 'arreter'],
  ['ru', 'СТОП', 'стоп'],
  ['ko', '중지', '중지'],
];

describe('Compliance keywords in families’ languages (Postgres and Redis)', () => {
  const spec = useIntegration('compliance', { poolSize: 3, tenant: { untranslatedPolicy: 'send_source' } });
  const district = { name: 'Fixture District', helpText: null, contact: '(617) 555-0100' };
  const stopPhone = (i: number) => `+1617555${String(4100 + i).padStart(4, '0')}`;
  const helpPhone = (i: number) => `+1617555${String(4200 + i).padStart(4, '0')}`;
  const helpLanguages = Object.keys(KEYWORD_TABLE) as KeywordLanguage[];

  beforeAll(async () => {
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update tenants set help_contact = $2 where id = $1`, [spec.fixture.tenantId, district.contact]));
    await addFamilies(spec.db, spec.fixture.tenantId, [
      ...STOPS.map(([language], i) => ({ phone: stopPhone(i), language })),
      ...helpLanguages.map((language, i) => ({ phone: helpPhone(i), language })),
    ]);
  });

  const inbound = async (phone: string, body: string) => {
    const id = await storeInbound(spec.db, spec.fixture.tenantId, phone, body);
    await TenantContext.run({ tenantId: spec.fixture.tenantId }, () => new ProcessInboundUseCase(spec.db, spec.jobs, noSurveys).execute(id));
  };
  const replies = (phone: string): Promise<{ body: string; language: string }[]> =>
    spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select body, language from messages where phone = $1 and kind = 'system' order by created_at`, [phone]),
    );

  it.each(STOPS.map(([language, first, second], i) => [language, first, second, i] as const))(
    'a %s family texting %s (then %s) gets one confirmation in its language, recorded in the ledger',
    async (language, first, second, i) => {
      await inbound(stopPhone(i), first);
      await inbound(stopPhone(i), second);
      expect(await replies(stopPhone(i))).toEqual([{ body: complianceReply('opt_out', language, district), language }]);
      const ledger = await spec.db.txFor(spec.fixture.tenantId, (m) =>
        m.query(`select action, source, message_id is not null as has_message from consent_events where phone = $1`, [stopPhone(i)]),
      );
      expect(ledger).toEqual([{ action: 'opt_out', source: 'keyword', has_message: true }]);
    },
  );

  it('suppresses every phone that said STOP on the next notice, and only those', async () => {
    const noticeId = await createNoticeFixture(spec.db, spec.fixture);
    await TenantContext.run({ tenantId: spec.fixture.tenantId, correlationId: 'spec' }, () => new FanOutNoticeUseCase(spec.db, spec.jobs).execute(noticeId));
    const rows: { phone: string; status: string; error_message: string | null }[] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select phone, status, error_message from messages where notice_id = $1`, [noticeId]),
    );
    const stopped = new Set(STOPS.map((_, i) => stopPhone(i)));
    for (const row of rows) {
      if (stopped.has(row.phone)) expect(row).toMatchObject({ status: 'suppressed', error_message: 'opted out' });
      else expect(row.status).toBe('queued');
    }
    expect(rows.filter((row) => row.status === 'suppressed')).toHaveLength(stopped.size);
  });

  it.each(helpLanguages.map((language, i) => [language, KEYWORD_TABLE[language].help[0], i] as const))(
    'answers a %s family’s HELP (%s) with the district, a contact, STOP, frequency and rates, in its language',
    async (language, word, i) => {
      await inbound(helpPhone(i), word.toUpperCase());
      const [help, ...more] = await replies(helpPhone(i));
      expect(more).toEqual([]);
      expect(help).toEqual({ body: complianceReply('help', language, district), language });
      expect(help.body).toContain(district.name);
      expect(help.body).toContain(district.contact);
      expect(help.body).toContain('STOP');
      if (language === 'en') {
        expect(help.body).toContain('Msg frequency varies');
        expect(help.body).toContain('Msg & data rates may apply');
      } else {
        expect(help.body).not.toContain('Msg & data rates may apply');
      }
    },
  );
});
