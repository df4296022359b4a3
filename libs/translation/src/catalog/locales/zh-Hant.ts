import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const zhHant: CatalogResource = {
  language: 'zh-Hant',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}：因惡劣天氣，{{date, day}}停課。請注意安全。',
    delayed_opening: '{{school}}：因天氣原因，{{date, day}}延後{{minutes}}分鐘上課。校車也將晚到{{minutes}}分鐘。',
    early_release: '{{school}}：{{date, day}}{{time, clock}}提早放學。請安排接孩子或確保家中有人。',
    absence_today: '{{student}}今天在{{school}}被記為缺席。請致電學校或回覆此簡訊。',
    conferences: '{{school}}家長會定於{{date, day}}舉行。請回覆或致電學校預約時間。',
    school_event: '{{school}}誠邀您參加{{event}}，時間：{{date, day}}{{time, clock}}。期待您的光臨！',
    meals_application: '申請{{school}}免費或減價餐點：{{url}} 您的資料將予以保密。',
    bus_delay: '{{school}}的{{route}}號校車今天延誤約{{minutes}}分鐘。感謝您的耐心。',
    picture_day: '{{school}}拍照日為{{date, day}}。訂購表格將由孩子帶回家。',
    immunizations_due: '{{student}}須在{{date, day}}前完成規定的疫苗接種才能繼續上學。請聯絡學校護士。',
    lockdown: '{{school}}正在封鎖。學生在室內安全。請勿前往學校。我們會持續通報。',
    all_clear: '{{school}}：封鎖已解除，課程恢復正常。感謝您的耐心。',
    report_cards: '{{school}}的成績單現已公布：{{url}} 如有疑問請聯絡學校。',
  },
  lines: {
    urgent_from: '來自{{district}}的緊急訊息：',
  },
};
