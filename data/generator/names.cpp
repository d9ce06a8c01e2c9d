#include "data/generator/names.h"

#include <array>

namespace cadence::generator {

namespace {

// Common surnames; 马, 杨, 海, 苏 and 田 are frequent among the Hui of southern
// Ningxia, so they appear more than once to weight the draw.
constexpr std::string_view kSurnames[] = {
    "马", "马", "马", "杨", "杨", "王", "王", "李", "李", "张", "张", "刘", "陈", "海", "苏",
    "田", "何", "罗", "冯", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "郭", "梁", "宋",
    "郑", "谢", "韩", "曹", "彭", "蔡", "袁", "于", "董", "杜", "魏", "吕", "丁", "沈", "任",
    "姚", "姜", "崔", "石", "贾", "白", "孟", "秦", "尹", "薛", "闫", "段", "雷", "侯", "史",
    "贺", "毛", "郝", "万", "武", "虎", "拓", "禹", "撒", "纳", "穆", "锁", "黑", "兰", "祁"};

constexpr std::string_view kGiven[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀", "霞", "平", "刚", "英", "华", "玉", "萍", "红", "飞", "鹏", "宇", "浩",
    "凯", "欣", "怡", "佳", "雪", "梦", "晨", "瑞", "博", "文", "轩", "子", "涵", "睿", "思",
    "雨", "萱", "嘉", "欢", "婷", "倩", "楠", "斌", "亮", "龙", "海", "燕", "兰", "梅", "琳",
    "琪", "悦", "彤", "鑫", "阳", "辉", "成", "旭", "东", "宁", "福", "小", "建", "国", "志",
    "学", "晓", "慧", "花", "春", "秋", "冬", "虎", "忠", "林", "云", "峰", "波", "蕾", "丹"};

constexpr std::string_view kYuanzhouTowns[] = {"清河镇", "三营镇", "头营镇", "彭堡镇", "官厅镇",
                                               "开城镇", "张易镇", "中河乡", "河川乡", "炭山乡",
                                               "寨科乡"};
constexpr std::string_view kYuanzhouStreets[] = {"南关街道", "古雁街道", "北塬街道"};
constexpr std::string_view kXijiTowns[] = {
    "吉强镇", "兴隆镇", "平峰镇", "将台堡镇", "新营乡", "红耀乡", "田坪乡", "马建乡", "震湖乡",
    "兴平乡", "西滩乡", "王民乡", "什字乡", "马莲乡", "硝河乡", "偏城乡", "沙沟乡", "白崖乡",
    "火石寨乡"};
constexpr std::string_view kXijiStreets[] = {"吉强镇城区社区"};
constexpr std::string_view kLongdeTowns[] = {"城关镇", "沙塘镇", "联财镇", "神林乡", "观庄乡",
                                             "杨河乡", "陈靳乡", "好水乡", "张程乡", "凤岭乡",
                                             "山河镇", "温堡乡", "奠安乡"};
constexpr std::string_view kLongdeStreets[] = {"城关镇城区社区"};
constexpr std::string_view kJingyuanTowns[] = {"香水镇", "泾河源镇", "六盘山镇", "新民乡",
                                               "兴盛乡", "黄花乡", "大湾乡"};
constexpr std::string_view kJingyuanStreets[] = {"香水镇城区社区"};
constexpr std::string_view kPengyangTowns[] = {"白阳镇", "王洼镇", "古城镇", "红河镇",
                                               "新集乡", "城阳乡", "孟塬乡", "罗洼乡",
                                               "交岔乡", "草庙乡", "冯庄乡", "小岔乡"};
constexpr std::string_view kPengyangStreets[] = {"白阳镇城区社区"};

const std::array<CountyNames, 5> kCounties = {{
    {"原州区", "原州", kYuanzhouTowns, kYuanzhouStreets},
    {"西吉县", "西吉", kXijiTowns, kXijiStreets},
    {"隆德县", "隆德", kLongdeTowns, kLongdeStreets},
    {"泾源县", "泾源", kJingyuanTowns, kJingyuanStreets},
    {"彭阳县", "彭阳", kPengyangTowns, kPengyangStreets},
}};

constexpr std::string_view kVillageFirst[] = {
    "张", "王", "李", "马", "杨", "何", "苏", "海", "石", "黄", "红", "新", "东", "西", "南",
    "北", "上", "下", "大", "小", "高", "柳", "杏", "沙", "梁", "河", "泉", "阳", "刘", "官",
    "庙", "中", "后", "前", "堡", "窑", "羊", "牛", "马莲", "蒿"};
constexpr std::string_view kVillageSecond[] = {"家", "庄", "湾", "塬", "沟", "堡", "洼",
                                               "岔", "坪", "川", "台", "峡", "寨", "河",
                                               "滩", "岭", "岘", "咀", "渠", "营", "家湾",
                                               "家沟", "家庄", "家堡"};
constexpr std::string_view kTownFirst[] = {"石", "红", "新", "东", "西", "南", "北", "青",
                                           "白", "黄", "大", "小", "高", "杨", "马", "沙"};
constexpr std::string_view kTownSecond[] = {"河", "川", "坪", "岭", "泉", "塬", "峡", "湾"};
constexpr std::string_view kCommunities[] = {
    "文化", "东岳", "西湖", "北苑", "南城", "新区", "清河", "古雁", "朝阳", "育才", "长城",
    "九龙", "六盘", "和平", "银平", "振兴", "民和", "永安", "兴盛", "富民", "阳光", "春晖"};
constexpr std::string_view kBrands[] = {"六盘山", "清水河", "须弥山", "火石寨", "老龙潭",
                                        "萧关",   "黄铎堡", "开城",   "宁南",   "金鸡坪",
                                        "葫芦河", "红河",   "茹河",   "泾河",   "月亮山"};
constexpr std::string_view kIndustries[] = {
    "马铃薯淀粉", "牛肉食品", "冷凉蔬菜", "新能源", "建材", "电力", "文化旅游", "物流",
    "中药材",     "乳业",     "农牧",     "供水",   "燃气", "交通", "商贸",     "电子商务"};
constexpr std::string_view kPrivateKinds[] = {"商贸有限公司", "电商服务中心", "律师事务所",
                                              "物业服务公司", "餐饮有限公司", "快递服务站",
                                              "青年志愿者协会", "社会工作服务中心",
                                              "文化传媒有限公司", "养殖专业合作社"};

constexpr std::string_view kGovernment[] = {
    "发展和改革局", "教育局",       "公安局",       "民政局",     "司法局",     "财政局",
    "人力资源和社会保障局", "自然资源局", "生态环境分局", "住房和城乡建设局", "交通运输局",
    "水务局",       "农业农村局",   "商务局",       "文化旅游广电局", "卫生健康局",
    "应急管理局",   "审计局",       "市场监督管理局", "统计局",   "医疗保障局", "人民法院",
    "人民检察院",   "税务局",       "融媒体中心",   "林业和草原局", "乡村振兴局", "信访局"};
constexpr std::string_view kHospitalDepartments[] = {"内科", "外科", "护理部", "急诊科",
                                                     "医技科室", "行政后勤", "妇产科", "儿科",
                                                     "药剂科", "公共卫生科"};
constexpr std::string_view kCompanyDepartments[] = {"生产车间", "第一车间", "第二车间",
                                                    "第三车间", "综合部", "销售部", "技术部",
                                                    "财务部", "运维班组", "项目部"};
constexpr std::string_view kColleges[] = {
    "文学院",         "政治与历史学院", "外国语学院", "数学与统计学院", "物理与电子信息工程学院",
    "化学化工学院",   "生物科学与工程学院", "教育科学学院", "体育学院", "音乐学院",
    "美术学院",       "经济与管理学院", "信息工程学院", "资源与环境工程学院", "医学院",
    "马克思主义学院"};
constexpr std::string_view kHospitals[] = {"人民医院", "中医医院", "妇幼保健院",
                                           "疾病预防控制中心"};

}  // namespace

std::string_view pick(Rng& rng, std::span<const std::string_view> pool) {
  return pool[static_cast<size_t>(rng.between(0, static_cast<int64_t>(pool.size()) - 1))];
}

std::string person_name(Rng& rng) {
  std::string name(pick(rng, kSurnames));
  name.append(pick(rng, kGiven));
  if (rng.chance(0.7)) {
    name.append(pick(rng, kGiven));
  }
  return name;
}

std::span<const CountyNames> counties() { return kCounties; }

std::string village_name(Rng& rng) {
  std::string name(pick(rng, kVillageFirst));
  name.append(pick(rng, kVillageSecond));
  return name;
}

std::string town_name(Rng& rng) {
  std::string name(pick(rng, kTownFirst));
  name.append(pick(rng, kTownSecond));
  name.append(rng.chance(0.5) ? "乡" : "镇");
  return name;
}

std::string community_name(Rng& rng) { return std::string(pick(rng, kCommunities)); }

std::string company_name(Rng& rng, std::string_view place) {
  std::string name(place);
  name.append(pick(rng, kBrands));
  name.append(pick(rng, kIndustries));
  name.append("有限公司");
  return name;
}

std::string private_unit_name(Rng& rng, std::string_view place) {
  std::string name(place);
  name.append(pick(rng, kBrands));
  name.append(pick(rng, kPrivateKinds));
  return name;
}

std::span<const std::string_view> government_departments() { return kGovernment; }
std::span<const std::string_view> hospital_departments() { return kHospitalDepartments; }
std::span<const std::string_view> company_departments() { return kCompanyDepartments; }
std::span<const std::string_view> university_colleges() { return kColleges; }
std::span<const std::string_view> hospitals() { return kHospitals; }

}  // namespace cadence::generator
