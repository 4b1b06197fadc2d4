/**
 * What each indicator of the 766 index counts, in the words an official reads on screen
 * (METHOD-766 §1–§5); the names and points are in lib/method/i766/points.ts.
 */
import type { IndicatorId } from "@/lib/method/i766/points";

export const INDICATOR_COUNTS: Record<IndicatorId, string> = {
  "1.1": "Thủ tục được công bố trong kỳ chậm nhất 5 ngày làm việc trước ngày văn bản có hiệu lực",
  "1.2": "Thủ tục công bố trong kỳ được công khai chậm nhất 5 ngày làm việc sau ngày công bố",
  "1.3": "Thủ tục thuộc thẩm quyền được công khai đầy đủ các bộ phận",
  "1.4": "Hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia so với số tiếp nhận báo cáo",
  "2.1": "Hồ sơ giải quyết đúng hạn (trừ thời gian chờ bổ sung; yêu cầu bổ sung từ 2 lần là trễ hạn)",
  "3.1": "Thủ tục cung cấp dịch vụ công trực tuyến (toàn trình hoặc một phần)",
  "3.2": "Dịch vụ trực tuyến có phát sinh hồ sơ trực tuyến trong kỳ",
  "3.3": "Hồ sơ nộp trực tuyến trên tổng số hồ sơ, nhân với tỷ lệ đồng bộ",
  "3.4": "Thủ tục có hồ sơ thu phí có thanh toán trực tuyến",
  "3.5": "Thủ tục có phí, lệ phí có dữ liệu thu phí",
  "3.6": "Hồ sơ thanh toán trực tuyến trên số hồ sơ phải thanh toán",
  "4.1": "Hồ sơ đã giải quyết được cấp kết quả điện tử",
  "4.2": "Hồ sơ được số hóa thành phần",
  "4.3": "Hồ sơ tái sử dụng dữ liệu đã số hóa",
  "4.4": "Hồ sơ số hóa khai thác dữ liệu từ cơ sở dữ liệu quốc gia",
  "4.5": "Hồ sơ của công dân sử dụng dữ liệu dân cư (VNeID, CSDL quốc gia về dân cư)",
  "5.2": "Phản ánh, kiến nghị xử lý xong trong 15 ngày làm việc",
  "5.3": "Phản ánh, kiến nghị xử lý đúng hạn, được hài lòng, không khiếu nại lại",
  "5.4": "Hồ sơ đúng hạn, không bị đánh giá không hài lòng và không phát sinh phản ánh",
};
