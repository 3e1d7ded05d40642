"""A realistic Vietnamese article as a Word document, for the PDF reader's tests.

The same DOCX is read by the DOCX reader and, printed to PDF by LibreOffice, by the PDF reader:
both must give the same sentences.  It has what office and newsroom documents have: a title, a
lead, headings, bulleted and numbered lists, a ruled table, a running header and a footer with
the page number, and (optionally) its body set in two columns.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

TITLE = "Xuất khẩu nông sản năm 2025: cơ hội lớn, thách thức không nhỏ"
LEAD = (
    "Kim ngạch xuất khẩu nông, lâm, thủy sản của Việt Nam trong 10 tháng năm 2025 ước đạt 52,3 tỷ USD, "
    "tăng 11,6% so với cùng kỳ năm trước, theo Bộ Nông nghiệp và Môi trường."
)
HEADER = "Báo Kinh tế Nông thôn – Chuyên đề xuất khẩu"
HEADING_1 = "Thị trường truyền thống vẫn giữ vai trò chủ lực"
HEADING_2 = "Những rào cản cần vượt qua"
HEADING_3 = "Giải pháp từ các bộ, ngành"
PARAGRAPHS_1 = [
    "Theo số liệu của Tổng cục Thống kê, Trung Quốc, Hoa Kỳ và Nhật Bản tiếp tục là ba thị trường nhập khẩu "
    "nông sản lớn nhất của Việt Nam. Riêng thị trường Hoa Kỳ chiếm 21,4% tổng kim ngạch, tăng 14,2% so với "
    "cùng kỳ năm 2024. Các mặt hàng chủ lực như cà phê, gạo, hạt điều và rau quả đều ghi nhận mức tăng trưởng "
    "hai con số.",
    "Ông Nguyễn Văn Minh, Cục trưởng Cục Chất lượng, Chế biến và Phát triển thị trường, cho biết giá cà phê "
    "xuất khẩu bình quân đạt 5.620 USD/tấn, cao nhất trong nhiều năm trở lại đây. Tuy nhiên, sản lượng cà phê "
    "niên vụ 2024-2025 giảm khoảng 10% do thời tiết khô hạn kéo dài ở Tây Nguyên.",
    "Đối với mặt hàng gạo, Philippines vẫn là thị trường lớn nhất với 3,1 triệu tấn, chiếm gần 45% lượng gạo "
    "xuất khẩu. Các doanh nghiệp đang đẩy mạnh xuất khẩu gạo thơm, gạo đặc sản sang Liên minh châu Âu (EU) "
    "nhờ các ưu đãi thuế quan của Hiệp định EVFTA.",
]
BULLETS = [
    "Cà phê đạt 7,8 tỷ USD, tăng 28,5%.",
    "Rau quả đạt 6,2 tỷ USD, tăng 9,1%.",
    "Hạt điều đạt 3,9 tỷ USD, tăng 17,3%.",
]
PARAGRAPHS_2 = [
    "Bên cạnh những kết quả khả quan, ngành nông nghiệp vẫn đối mặt với nhiều thách thức. Các thị trường "
    "nhập khẩu ngày càng siết chặt yêu cầu về truy xuất nguồn gốc, an toàn thực phẩm và phát thải carbon. "
    "Quy định chống phá rừng của EU (EUDR) sẽ được áp dụng từ cuối năm 2025, đòi hỏi doanh nghiệp chứng minh "
    "sản phẩm không gây mất rừng.",
    "Bà Trần Thị Hương, Phó Chủ tịch Hiệp hội Cà phê – Ca cao Việt Nam, nhận định nhiều hộ nông dân nhỏ lẻ "
    "chưa đủ năng lực đáp ứng các tiêu chuẩn mới. Chi phí logistics tăng cao cũng làm giảm sức cạnh tranh "
    "của hàng Việt Nam trên thị trường quốc tế.",
]
NUMBERED = [
    "Hoàn thiện cơ sở dữ liệu vùng trồng và mã số vùng trồng.",
    "Hỗ trợ doanh nghiệp đăng ký nhãn hiệu tại thị trường nước ngoài.",
    "Đẩy mạnh đàm phán mở cửa thị trường cho trái cây tươi.",
]
TABLE = [
    ["Mặt hàng", "Kim ngạch (tỷ USD)", "Tăng trưởng"],
    ["Cà phê", "7,8", "28,5%"],
    ["Gạo", "4,6", "3,2%"],
    ["Thủy sản", "8,1", "12,7%"],
]
PARAGRAPHS_3 = [
    "Bộ Công Thương cho biết sẽ phối hợp với các địa phương tổ chức nhiều chương trình xúc tiến thương mại "
    "tại các thị trường trọng điểm. Các thương vụ Việt Nam ở nước ngoài được giao nhiệm vụ cập nhật thường "
    "xuyên thông tin về chính sách nhập khẩu của nước sở tại.",
    "Theo các chuyên gia, mục tiêu xuất khẩu nông sản đạt 60 tỷ USD trong năm 2025 là hoàn toàn khả thi nếu "
    "doanh nghiệp tận dụng tốt các hiệp định thương mại tự do. Điều quan trọng là phải nâng cao chất lượng, "
    "xây dựng thương hiệu và đa dạng hóa thị trường để giảm rủi ro.",
    "Trong những tháng cuối năm, nhu cầu tiêu thụ nông sản thường tăng mạnh vào dịp lễ hội ở châu Âu và "
    "Bắc Mỹ. Đây là cơ hội để các doanh nghiệp Việt Nam gia tăng đơn hàng và củng cố vị thế trên thị trường.",
]


def _page_number_field(paragraph) -> None:
    """A PAGE field, as Word puts one in a footer."""
    paragraph._p.append(parse_xml(f'<w:fldSimple {W_NS} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _two_columns(section) -> None:
    cols = section._sectPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cols")
    if cols is not None:
        section._sectPr.remove(cols)
    section._sectPr.append(parse_xml(f'<w:cols {W_NS} w:num="2" w:space="567"/>'))


def article_docx(path: Path, columns: int = 1, repeat: int = 2, dense: bool = False) -> Path:
    """Write the article (its body ``repeat`` times, so it runs over pages) and return ``path``.

    ``dense`` sets it as offices do: justified, first lines indented, no space between paragraphs,
    single line spacing (paragraphs told apart by their indent alone)."""
    word = docx.Document()
    style = word.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(11)
    if dense:
        form = style.paragraph_format
        form.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        form.first_line_indent = Cm(1)
        form.space_after = form.space_before = Pt(0)
        form.line_spacing = 1.0
    section = word.sections[0]
    section.header.paragraphs[0].text = HEADER
    footer = section.footer.paragraphs[0]
    footer.text = "Trang "
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(footer)
    word.add_paragraph(TITLE, style="Title")
    word.add_paragraph(LEAD).runs[0].bold = True
    if columns == 2:
        body = word.add_section(0)  # continuous: the title stays above the two columns
        _two_columns(body)
    for part in range(repeat):
        suffix = f" ({part + 1})" if repeat > 1 else ""
        word.add_paragraph(HEADING_1 + suffix, style="Heading 1")
        for text in PARAGRAPHS_1:
            word.add_paragraph(text)
        for text in BULLETS:
            word.add_paragraph(text, style="List Bullet")
        word.add_paragraph(HEADING_2 + suffix, style="Heading 1")
        for text in PARAGRAPHS_2:
            word.add_paragraph(text)
        table = word.add_table(rows=len(TABLE), cols=len(TABLE[0]))
        table.style = "Table Grid"
        table.autofit = False
        if columns == 2:  # narrow enough for its column (LibreOffice reads the grid's widths)
            widths = (Cm(2.6), Cm(2.6), Cm(2.2))
            for grid, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
                grid.set(qn("w:w"), str(width.twips))
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = width
        for row, values in zip(table.rows, TABLE, strict=False):
            for cell, value in zip(row.cells, values, strict=False):
                cell.text = value
                cell.paragraphs[0].paragraph_format.first_line_indent = Cm(0)  # a 2 cm cell has no room for one
        word.add_paragraph(HEADING_3 + suffix, style="Heading 2")
        for text in NUMBERED:
            word.add_paragraph(text, style="List Number")
        for text in PARAGRAPHS_3:
            word.add_paragraph(text)
    word.save(path)
    return path
