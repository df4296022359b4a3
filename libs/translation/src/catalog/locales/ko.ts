import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const ko: CatalogResource = {
  language: 'ko',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}: 기상 악화로 {{date, day}} 휴교합니다. 안전에 유의하세요.',
    delayed_opening: '{{school}}: 기상 악화로 {{date, day}} 수업이 {{minutes}}분 늦게 시작됩니다. 스쿨버스도 {{minutes}}분 늦게 운행합니다.',
    early_release: '{{school}}: {{date, day}} {{time, clock}}에 조기 하교합니다. 자녀를 데리러 오시거나 집에 보호자가 계시도록 해 주세요.',
    absence_today: '{{student}} 학생이 오늘 {{school}}에 결석으로 기록되었습니다. 학교에 전화하시거나 이 메시지에 답장해 주세요.',
    conferences: '{{school}} 학부모-교사 상담은 {{date, day}}에 있습니다. 답장하시거나 학교에 전화해 시간을 정해 주세요.',
    school_event: '{{school}}에서 {{date, day}} {{time, clock}}에 열리는 {{event}}에 초대합니다. 많은 참석 바랍니다!',
    meals_application: '{{school}} 무료 또는 할인 급식 신청: {{url}} 개인 정보는 비밀로 유지됩니다.',
    bus_delay: '{{school}} {{route}}번 버스가 오늘 약 {{minutes}}분 지연되고 있습니다. 양해 부탁드립니다.',
    picture_day: '{{school}} 사진 촬영일은 {{date, day}}입니다. 주문서는 자녀 편에 보내 드립니다.',
    immunizations_due: '{{student}} 학생은 계속 등교하려면 {{date, day}}까지 필수 예방접종을 받아야 합니다. 보건 교사에게 문의해 주세요.',
    lockdown: '{{school}}: 현재 봉쇄(락다운) 중입니다. 학생들은 실내에서 안전합니다. 학교로 오지 마세요. 추가 소식을 보내 드리겠습니다.',
    all_clear: '{{school}}: 봉쇄가 해제되어 수업이 정상적으로 재개되었습니다. 기다려 주셔서 감사합니다.',
    report_cards: '{{school}} 성적표를 지금 확인하실 수 있습니다: {{url}} 문의 사항은 학교로 연락해 주세요.',
  },
  lines: {
    urgent_from: '{{district}}의 긴급 메시지:',
  },
};
