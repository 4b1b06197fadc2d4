/**
 * A demo procedure catalogue in the shape of CSDLQG entries: real procedure names by
 * field, deadlines in every unit METHOD §A.4 knows. Codes are synthetic (`1.00xxxx`
 * provincial, `2.00xxxx` commune level), deadlines typical, not authoritative.
 */
import type { DeadlineUnit } from "@/lib/method/ontime";

type Entry = [name: string, value: number | null, unit: DeadlineUnit, fee: boolean];
export interface FieldDef {
  key: string;
  code: string;
  name: string;
  tier: "tinh" | "xa";
  procedures: Entry[];
}

const WD: DeadlineUnit = "working_day";

export const FIELDS: FieldDef[] = [
  { key: "hanhchinh", code: "HC", name: "Hành chính tư pháp", tier: "tinh", procedures: [
    ["Tiếp nhận yêu cầu giải trình", 15, WD, false],
    ["Giải quyết khiếu nại lần đầu", 30, "day", false],
    ["Cấp bản sao văn bản, giấy tờ lưu trữ", 2, WD, true],
  ] },
  { key: "noivu", code: "NV", name: "Tổ chức - Biên chế, Công chức, viên chức", tier: "tinh", procedures: [
    ["Thành lập hội", 30, WD, false],
    ["Phê duyệt điều lệ hội", 30, WD, false],
    ["Công nhận ban vận động thành lập hội", 30, WD, false],
    ["Xét tuyển công chức", 3, "month", false],
    ["Thi tuyển viên chức", 3, "month", false],
    ["Cấp giấy phép thành lập quỹ xã hội, quỹ từ thiện", 40, "day", false],
  ] },
  { key: "laodong", code: "LD", name: "Lao động, tiền lương, việc làm", tier: "tinh", procedures: [
    ["Cấp giấy phép lao động cho người lao động nước ngoài", 5, WD, true],
    ["Gia hạn giấy phép lao động cho người nước ngoài", 5, WD, true],
    ["Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", 3, WD, false],
    ["Đăng ký nội quy lao động của doanh nghiệp", 7, WD, false],
    ["Giải quyết hưởng trợ cấp thất nghiệp", 20, WD, false],
  ] },
  { key: "tuphap", code: "TP", name: "Hộ tịch, Lý lịch tư pháp, Công chứng", tier: "tinh", procedures: [
    ["Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", 10, WD, true],
    ["Cấp Phiếu lý lịch tư pháp cho người nước ngoài cư trú tại Việt Nam", 10, WD, true],
    ["Đăng ký hành nghề và cấp Thẻ công chứng viên", 10, WD, true],
    ["Thành lập Văn phòng công chứng", 20, "day", true],
    ["Cấp chứng chỉ hành nghề đấu giá", 7, WD, true],
    ["Đăng ký hoạt động của Văn phòng luật sư", 10, WD, true],
    ["Cấp lại Phiếu lý lịch tư pháp", 10, WD, true],
  ] },
  { key: "dautu", code: "DT", name: "Thành lập và hoạt động doanh nghiệp", tier: "tinh", procedures: [
    ["Đăng ký thành lập doanh nghiệp tư nhân", 3, WD, true],
    ["Đăng ký thành lập công ty TNHH một thành viên", 3, WD, true],
    ["Đăng ký thành lập công ty cổ phần", 3, WD, true],
    ["Đăng ký thay đổi người đại diện theo pháp luật", 3, WD, true],
    ["Thông báo tạm ngừng kinh doanh", 3, WD, false],
    ["Cấp giấy chứng nhận đăng ký đầu tư", 15, "day", false],
    ["Điều chỉnh giấy chứng nhận đăng ký đầu tư", 10, "day", false],
  ] },
  { key: "taichinh", code: "TC", name: "Quản lý công sản, giá", tier: "tinh", procedures: [
    ["Đăng ký giá", 5, WD, false],
    ["Thẩm định giá đất cụ thể", 30, "day", false],
    ["Cấp mã số đơn vị có quan hệ với ngân sách", 2, WD, false],
  ] },
  { key: "congthuong", code: "CT", name: "Công thương, An toàn thực phẩm", tier: "tinh", procedures: [
    ["Cấp Giấy phép bán lẻ sản phẩm rượu", 15, WD, true],
    ["Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 20, WD, true],
    ["Cấp Giấy phép sản xuất rượu công nghiệp", 15, WD, true],
    ["Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu", 15, WD, true],
    ["Đăng ký thực hiện khuyến mại", 5, WD, false],
    ["Cấp Giấy phép hoạt động điện lực", 15, WD, true],
    ["Cấp Giấy phép kinh doanh bán buôn thuốc lá", 15, WD, true],
  ] },
  { key: "nongnghiep", code: "NN", name: "Nông nghiệp, Thú y, Trồng trọt", tier: "tinh", procedures: [
    ["Cấp Giấy chứng nhận cơ sở an toàn dịch bệnh động vật", 10, WD, true],
    ["Cấp Giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi tỉnh", 24, "hour", true],
    ["Cấp Giấy phép vận chuyển thuốc thú y", 5, WD, true],
    ["Cấp Giấy chứng nhận đủ điều kiện buôn bán phân bón", 15, WD, true],
    ["Công nhận làng nghề truyền thống", 30, WD, false],
    ["Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", 20, WD, true],
  ] },
  { key: "datdai", code: "DD", name: "Đất đai", tier: "tinh", procedures: [
    ["Đăng ký biến động quyền sử dụng đất", 10, WD, true],
    ["Cấp Giấy chứng nhận quyền sử dụng đất lần đầu cho tổ chức", 20, WD, true],
    ["Giao đất, cho thuê đất", 20, WD, false],
    ["Chuyển mục đích sử dụng đất", 15, WD, true],
    ["Đính chính Giấy chứng nhận đã cấp", 10, WD, false],
    ["Cung cấp thông tin, dữ liệu đất đai", 1, WD, true],
  ] },
  { key: "moitruong", code: "MT", name: "Môi trường, Tài nguyên nước", tier: "tinh", procedures: [
    ["Cấp Giấy phép môi trường", 30, "day", true],
    ["Thẩm định báo cáo đánh giá tác động môi trường", 45, "day", true],
    ["Cấp giấy phép khai thác nước dưới đất", 30, WD, true],
    ["Cấp giấy phép thăm dò khoáng sản", 90, "day", true],
  ] },
  { key: "xaydung", code: "XD", name: "Xây dựng, Quy hoạch", tier: "tinh", procedures: [
    ["Cấp giấy phép xây dựng công trình cấp đặc biệt, cấp I, cấp II", 20, WD, true],
    ["Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", 35, "day", true],
    ["Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, III", 20, WD, true],
    ["Cấp chứng chỉ năng lực hoạt động xây dựng", 20, WD, true],
    ["Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở", 30, "day", true],
  ] },
  { key: "giaothong", code: "GT", name: "Đường bộ, Đăng kiểm", tier: "tinh", procedures: [
    ["Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", 5, WD, true],
    ["Cấp lại giấy phép lái xe", 10, WD, true],
    ["Cấp giấy phép kinh doanh vận tải bằng xe ô tô", 5, WD, true],
    ["Cấp phù hiệu xe ô tô kinh doanh vận tải", 2, WD, false],
    ["Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn", 2, WD, false],
    ["Cấp Giấy phép thi công công trình trên đường bộ đang khai thác", 7, WD, false],
  ] },
  { key: "khcn", code: "KH", name: "Khoa học, công nghệ, Viễn thông và Internet", tier: "tinh", procedures: [
    ["Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", 15, WD, true],
    ["Cấp giấy phép tiến hành công việc bức xạ", 15, WD, true],
    ["Cấp giấy phép xuất bản bản tin", 30, "day", false],
    ["Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp", 10, WD, true],
    ["Xác nhận đăng ký tổ chức lễ hội chuyển đổi số", null, WD, false],
  ] },
  { key: "giaoduc", code: "GD", name: "Giáo dục và Đào tạo", tier: "tinh", procedures: [
    ["Công nhận tốt nghiệp trung học phổ thông (cấp bản sao bằng tốt nghiệp)", 1, WD, false],
    ["Cho phép thành lập trường trung học phổ thông tư thục", 20, WD, false],
    ["Cấp phép hoạt động giáo dục kỹ năng sống", 15, WD, false],
    ["Chuyển trường đối với học sinh trung học phổ thông", 3, WD, false],
    ["Công nhận văn bằng do cơ sở giáo dục nước ngoài cấp", 20, "day", true],
  ] },
  { key: "yte", code: "YT", name: "Khám bệnh, chữa bệnh, Dược phẩm", tier: "tinh", procedures: [
    ["Cấp giấy phép hành nghề khám bệnh, chữa bệnh", 30, "day", true],
    ["Cấp chứng chỉ hành nghề dược", 20, "day", true],
    ["Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược", 30, "day", true],
    ["Cấp giấy phép hoạt động đối với phòng khám chuyên khoa", 60, "day", true],
    ["Cấp giấy xác nhận nội dung quảng cáo mỹ phẩm", 10, WD, true],
    ["Công bố cơ sở đủ điều kiện thực hiện khám sức khỏe", 10, WD, false],
  ] },
  { key: "vanhoa", code: "VH", name: "Văn hóa, Thể thao, Du lịch", tier: "tinh", procedures: [
    ["Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa", 10, WD, true],
    ["Công nhận hạng cơ sở lưu trú du lịch", 30, "day", true],
    ["Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", 7, WD, true],
    ["Cấp giấy phép tổ chức biểu diễn nghệ thuật", 5, WD, false],
    ["Cấp thẻ hướng dẫn viên du lịch", 10, "day", true],
  ] },
  { key: "dantoc", code: "DTG", name: "Tín ngưỡng, Tôn giáo, Công tác dân tộc", tier: "tinh", procedures: [
    ["Đăng ký sinh hoạt tôn giáo tập trung", 20, "day", false],
    ["Thông báo tổ chức lễ hội tín ngưỡng", 15, "day", false],
    ["Công nhận người có uy tín trong đồng bào dân tộc thiểu số", 1, "month", false],
  ] },
  { key: "kcn", code: "KCN", name: "Khu công nghiệp", tier: "tinh", procedures: [
    ["Cấp giấy chứng nhận xuất xứ hàng hóa (C/O)", 8, "hour", true],
    ["Cấp giấy phép lao động trong khu công nghiệp", 5, WD, true],
    ["Điều chỉnh dự án đầu tư trong khu công nghiệp", 10, WD, false],
    ["Cấp giấy phép xây dựng trong khu công nghiệp", 15, WD, true],
  ] },
  { key: "hotich", code: "HT", name: "Hộ tịch", tier: "xa", procedures: [
    ["Đăng ký khai sinh", 0, WD, false],
    ["Đăng ký kết hôn", 0, WD, false],
    ["Đăng ký khai tử", 0, WD, false],
    ["Đăng ký nhận cha, mẹ, con", 3, WD, false],
    ["Cấp Giấy xác nhận tình trạng hôn nhân", 3, WD, true],
    ["Đăng ký lại khai sinh", 5, WD, true],
    ["Thay đổi, cải chính, bổ sung thông tin hộ tịch", 3, WD, true],
    ["Cấp bản sao trích lục hộ tịch", 0, WD, true],
    ["Đăng ký giám hộ", 3, WD, false],
    ["Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ em dưới 6 tuổi", 5, WD, false],
  ] },
  { key: "chungthuc", code: "CTH", name: "Chứng thực", tier: "xa", procedures: [
    ["Chứng thực bản sao từ bản chính giấy tờ, văn bản", 8, "hour", true],
    ["Chứng thực chữ ký trong các giấy tờ, văn bản", 8, "hour", true],
    ["Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", 2, WD, true],
    ["Chứng thực văn bản thỏa thuận phân chia di sản", 2, WD, true],
    ["Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", 2, WD, true],
  ] },
  { key: "datdaixa", code: "DDX", name: "Đất đai (cấp xã)", tier: "xa", procedures: [
    ["Đăng ký đất đai, cấp Giấy chứng nhận lần đầu cho hộ gia đình, cá nhân", 20, WD, true],
    ["Hòa giải tranh chấp đất đai", 45, "day", false],
    ["Gia hạn sử dụng đất nông nghiệp của hộ gia đình, cá nhân", 7, WD, false],
    ["Chuyển mục đích sử dụng đất của hộ gia đình, cá nhân", 15, WD, true],
    ["Xác nhận tiếp tục sử dụng đất nông nghiệp", 5, WD, false],
  ] },
  { key: "xaydungxa", code: "XDX", name: "Xây dựng nhà ở (cấp xã)", tier: "xa", procedures: [
    ["Cấp giấy phép xây dựng nhà ở riêng lẻ", 15, "day", true],
    ["Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ", 15, "day", true],
    ["Điều chỉnh giấy phép xây dựng nhà ở riêng lẻ", 15, "day", true],
    ["Cấp giấy phép di dời công trình", 20, "day", true],
  ] },
  { key: "kinhdoanhxa", code: "KDX", name: "Thành lập và hoạt động của hộ kinh doanh", tier: "xa", procedures: [
    ["Đăng ký thành lập hộ kinh doanh", 3, WD, true],
    ["Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3, WD, true],
    ["Tạm ngừng hoạt động hộ kinh doanh", 3, WD, false],
    ["Chấm dứt hoạt động hộ kinh doanh", 3, WD, false],
    ["Cấp Giấy chứng nhận đủ điều kiện kinh doanh karaoke", 5, WD, true],
  ] },
  { key: "xahoi", code: "BTXH", name: "Bảo trợ xã hội, Người có công", tier: "xa", procedures: [
    ["Trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội", 15, WD, false],
    ["Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", 5, WD, false],
    ["Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", 30, "day", false],
    ["Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", 7, WD, false],
    ["Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", 12, WD, false],
    ["Cấp giấy xác nhận thân nhân của người có công", 5, WD, false],
    ["Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở", 10, WD, false],
  ] },
  { key: "giaoducxa", code: "GDX", name: "Giáo dục mầm non, tiểu học, trung học cơ sở", tier: "xa", procedures: [
    ["Chuyển trường đối với học sinh trung học cơ sở", 3, WD, false],
    ["Cho phép trường mầm non hoạt động giáo dục", 20, WD, false],
    ["Thành lập nhóm trẻ, lớp mẫu giáo độc lập", 15, WD, false],
    ["Xét, cấp học bổng chính sách", 1, "month", false],
  ] },
  { key: "nongnghiepxa", code: "NNX", name: "Nông nghiệp, Thủy lợi (cấp xã)", tier: "xa", procedures: [
    ["Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai", 10, WD, false],
    ["Đăng ký kê khai số lượng chăn nuôi", 1, WD, false],
    ["Phê duyệt kế hoạch khuyến nông địa phương", 1, "year", false],
    ["Công nhận tổ hợp tác", 5, WD, false],
  ] },
  { key: "vanhoaxa", code: "VHX", name: "Văn hóa cơ sở, Thư viện", tier: "xa", procedures: [
    ["Thông báo tổ chức lễ hội cấp xã", 5, WD, false],
    ["Xét tặng danh hiệu Gia đình văn hóa", 2, "month", false],
    ["Công nhận câu lạc bộ thể thao cơ sở", 7, WD, false],
  ] },
];

