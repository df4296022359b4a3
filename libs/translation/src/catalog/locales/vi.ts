import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const vi: CatalogResource = {
  language: 'vi',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}: nghỉ học vào {{date, day}} do thời tiết xấu. Xin giữ an toàn.',
    delayed_opening: '{{school}}: vào {{date, day}}, lớp học bắt đầu trễ {{minutes}} phút do thời tiết. Xe buýt cũng trễ {{minutes}} phút.',
    early_release: '{{school}} cho học sinh về sớm lúc {{time, clock}}, {{date, day}}. Xin sắp xếp đón con hoặc có người ở nhà.',
    absence_today: '{{student}} vắng mặt hôm nay tại {{school}}. Xin gọi cho trường hoặc trả lời tin nhắn này.',
    conferences: 'Họp phụ huynh - giáo viên tại {{school}} vào {{date, day}}. Xin trả lời hoặc gọi trường để chọn giờ.',
    school_event: '{{school}} trân trọng mời quý vị đến {{event}} lúc {{time, clock}}, {{date, day}}. Rất mong gặp quý vị!',
    meals_application: 'Đăng ký bữa ăn miễn phí hoặc giảm giá tại {{school}}: {{url}} Thông tin của quý vị được giữ bí mật.',
    bus_delay: 'Xe buýt {{route}} của {{school}} hôm nay trễ khoảng {{minutes}} phút. Cảm ơn quý vị đã kiên nhẫn.',
    picture_day: 'Ngày chụp ảnh tại {{school}} là {{date, day}}. Con quý vị sẽ mang phiếu đặt ảnh về nhà.',
    immunizations_due: '{{student}} cần tiêm các loại vắc-xin bắt buộc trước {{date, day}} để tiếp tục đi học. Xin liên hệ y tá trường.',
    lockdown: '{{school}} đang phong tỏa. Học sinh an toàn bên trong. Xin đừng đến trường. Chúng tôi sẽ cập nhật thêm.',
    all_clear: '{{school}}: đã hết phong tỏa, lớp học trở lại bình thường. Cảm ơn quý vị đã kiên nhẫn.',
    report_cards: 'Bảng điểm của {{school}} đã có tại: {{url}} Xin liên hệ trường nếu có thắc mắc.',
  },
  lines: {
    urgent_from: 'Tin nhắn khẩn cấp từ {{district}}:',
  },
};
