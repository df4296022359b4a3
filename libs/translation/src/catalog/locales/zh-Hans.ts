import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const zhHans: CatalogResource = {
  language: 'zh-Hans',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}：因恶劣天气，{{date, day}}停课。请注意安全。',
    delayed_opening: '{{school}}：因天气原因，{{date, day}}推迟{{minutes}}分钟上课。校车也将晚到{{minutes}}分钟。',
    early_release: '{{school}}：{{date, day}}{{time, clock}}提前放学。请安排接孩子或确保家中有人。',
    absence_today: '{{student}}今天在{{school}}被记为缺勤。请致电学校或回复此短信。',
    conferences: '{{school}}家长会定于{{date, day}}举行。请回复或致电学校预约时间。',
    school_event: '{{school}}诚邀您参加{{event}}，时间：{{date, day}}{{time, clock}}。期待您的光临！',
    meals_application: '申请{{school}}免费或减价餐：{{url}} 您的信息将被保密。',
    bus_delay: '{{school}}的{{route}}号校车今天晚点约{{minutes}}分钟。感谢您的耐心。',
    picture_day: '{{school}}拍照日为{{date, day}}。订购表格将由孩子带回家。',
    immunizations_due: '{{student}}须在{{date, day}}前完成规定的疫苗接种才能继续上学。请联系学校护士。',
    lockdown: '{{school}}正在封锁。学生在室内安全。请勿前往学校。我们会继续通报。',
    all_clear: '{{school}}：封锁已解除，课程恢复正常。感谢您的耐心。',
    report_cards: '{{school}}的成绩单现已发布：{{url}} 如有疑问请联系学校。',
  },
  lines: {
    urgent_from: '来自{{district}}的紧急消息：',
  },
};
