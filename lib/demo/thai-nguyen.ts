/**
 * The demo province: Thái Nguyên after the 2025 reorganisation (NQ 202/2025/QH15:
 * Thái Nguyên + Bắc Kạn; NQ 1683/NQ-UBTVQH15: 92 commune-level units, 15 phường and
 * 77 xã). Names are real where we know them; unit codes are synthetic, in the shape
 * of DVCQG codes. Check names against NQ 1683 before using them for anything real.
 */
export const PROVINCE = { code: "000.00.00.H56", name: "UBND tỉnh Thái Nguyên" };

/** Provincial departments (sở, ban, ngành) after the 2025 merger of departments. */
export const DEPARTMENTS: Array<[string, string, string[]]> = [
  ["VP", "Văn phòng UBND tỉnh", ["hanhchinh"]],
  ["SNV", "Sở Nội vụ", ["noivu", "laodong"]],
  ["STP", "Sở Tư pháp", ["tuphap"]],
  ["STC", "Sở Tài chính", ["dautu", "taichinh"]],
  ["SCT", "Sở Công Thương", ["congthuong"]],
  ["SNNMT", "Sở Nông nghiệp và Môi trường", ["nongnghiep", "datdai", "moitruong"]],
  ["SXD", "Sở Xây dựng", ["xaydung", "giaothong"]],
  ["SKHCN", "Sở Khoa học và Công nghệ", ["khcn"]],
  ["SGDDT", "Sở Giáo dục và Đào tạo", ["giaoduc"]],
  ["SYT", "Sở Y tế", ["yte"]],
  ["SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", ["vanhoa"]],
  ["SDTTG", "Sở Dân tộc và Tôn giáo", ["dantoc"]],
  ["BQLKCN", "Ban Quản lý các khu công nghiệp tỉnh", ["kcn"]],
];

export const WARDS = [
  "Phan Đình Phùng", "Linh Sơn", "Tích Lương", "Gia Sàng", "Quyết Thắng", "Quan Triều", "Sông Công",
  "Bá Xuyên", "Bách Quang", "Phổ Yên", "Vạn Xuân", "Trung Thành", "Phúc Thuận", "Đức Xuân", "Bắc Kạn",
];

export const COMMUNES = [
  "Đại Phúc", "Tân Cương", "Thành Công", "Phú Lạc", "Phục Linh", "Tân Khánh", "Đại Từ", "Quân Chu",
  "La Bằng", "An Khánh", "Vạn Phú", "Đức Lương", "Phú Thịnh", "Phú Xuyên", "Trại Cau", "Văn Hán",
  "Quang Sơn", "Văn Lăng", "Nam Hòa", "Đồng Hỷ", "Võ Nhai", "Dân Tiến", "Thần Sa", "Tràng Xá",
  "La Hiên", "Sảng Mộc", "Nghinh Tường", "Bình Yên", "Định Hóa", "Phượng Tiến", "Trung Hội", "Kim Phượng",
  "Lam Vỹ", "Bình Thành", "Phú Đình", "Phú Lương", "Vô Tranh", "Yên Trạch", "Hợp Thành", "Phú Bình",
  "Tân Thành", "Điềm Thụy", "Kha Sơn", "Chợ Mới", "Thanh Mai", "Yên Phong", "Thanh Thịnh", "Tân Kỳ",
  "Chợ Đồn", "Nam Cường", "Quảng Bạch", "Yên Thịnh", "Nghĩa Tá", "Ba Bể", "Chợ Rã", "Phúc Lộc",
  "Thượng Minh", "Đồng Phúc", "Bằng Thành", "Nghiên Loan", "Cao Minh", "Bạch Thông", "Phong Quang",
  "Cẩm Giàng", "Vĩnh Thông", "Na Rì", "Xuân Dương", "Văn Lang", "Côn Minh", "Trần Phú", "Hiệp Lực",
  "Ngân Sơn", "Thượng Quan", "Nà Phặc", "Bằng Vân", "Cường Lợi", "Yên Bình",
];
