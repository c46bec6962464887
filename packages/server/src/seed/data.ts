/**
 * Static material for the demo seed: real Zhejiang districts (GB/T 2260 codes, approximate
 * centres), places, organizations, activity templates and common Chinese names.
 */

export interface District {
  code: string;
  city: string;
  name: string;
  lat: number;
  lng: number;
  /** Well-known places where activities happen. */
  places: string[];
}

export const DISTRICTS: District[] = [
  { code: '330102', city: '杭州市', name: '上城区', lat: 30.2425, lng: 120.1691, places: ['湖滨步行街', '南宋御街', '杭州东站', '钱江新城市民中心'] },
  { code: '330105', city: '杭州市', name: '拱墅区', lat: 30.3195, lng: 120.1416, places: ['大运河文化公园', '小河直街', '武林广场'] },
  { code: '330106', city: '杭州市', name: '西湖区', lat: 30.2594, lng: 120.1300, places: ['西湖断桥', '西溪湿地', '浙江大学紫金港校区', '黄龙体育中心'] },
  { code: '330108', city: '杭州市', name: '滨江区', lat: 30.2084, lng: 120.2120, places: ['奥体中心', '白马湖公园', '物联网街'] },
  { code: '330109', city: '杭州市', name: '萧山区', lat: 30.1837, lng: 120.2645, places: ['湘湖景区', '萧山国际机场', '萧山图书馆'] },
  { code: '330110', city: '杭州市', name: '余杭区', lat: 30.4193, lng: 120.3016, places: ['良渚古城遗址公园', '未来科技城', '径山寺'] },
  { code: '330203', city: '宁波市', name: '海曙区', lat: 29.8596, lng: 121.5509, places: ['天一阁', '月湖公园', '鼓楼步行街'] },
  { code: '330205', city: '宁波市', name: '江北区', lat: 29.8868, lng: 121.5550, places: ['老外滩', '宁波大学', '慈城古县城'] },
  { code: '330206', city: '宁波市', name: '北仑区', lat: 29.8993, lng: 121.8444, places: ['北仑港', '九峰山', '北仑体艺中心'] },
  { code: '330212', city: '宁波市', name: '鄞州区', lat: 29.8170, lng: 121.5461, places: ['东钱湖', '宁波文化广场', '鄞州公园'] },
  { code: '330302', city: '温州市', name: '鹿城区', lat: 28.0150, lng: 120.6555, places: ['江心屿', '五马街', '温州图书馆'] },
  { code: '330303', city: '温州市', name: '龙湾区', lat: 27.9329, lng: 120.8116, places: ['温州机场', '瑶溪风景区'] },
  { code: '330304', city: '温州市', name: '瓯海区', lat: 27.9665, lng: 120.6148, places: ['三垟湿地', '温州大学城'] },
  { code: '330402', city: '嘉兴市', name: '南湖区', lat: 30.7475, lng: 120.7832, places: ['南湖红船', '月河历史街区'] },
  { code: '330502', city: '湖州市', name: '吴兴区', lat: 30.8562, lng: 120.1856, places: ['南浔古镇', '太湖旅游度假区'] },
  { code: '330602', city: '绍兴市', name: '越城区', lat: 29.9886, lng: 120.5820, places: ['鲁迅故里', '仓桥直街', '沈园'] },
  { code: '330702', city: '金华市', name: '婺城区', lat: 29.0790, lng: 119.6525, places: ['八咏楼', '金华体育中心'] },
  { code: '330782', city: '金华市', name: '义乌市', lat: 29.3059, lng: 120.0751, places: ['国际商贸城', '义乌火车站'] },
  { code: '330802', city: '衢州市', name: '柯城区', lat: 28.9686, lng: 118.8730, places: ['水亭门历史街区', '衢州孔氏南宗家庙'] },
  { code: '330902', city: '舟山市', name: '定海区', lat: 30.0198, lng: 122.1067, places: ['定海古城', '舟山跨海大桥'] },
  { code: '331002', city: '台州市', name: '椒江区', lat: 28.6734, lng: 121.4429, places: ['椒江二桥', '台州市民广场'] },
  { code: '331102', city: '丽水市', name: '莲都区', lat: 28.4459, lng: 119.9225, places: ['古堰画乡', '丽水学院'] },
];

export const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤');
export const GIVEN_CHARS = Array.from('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯欣怡梓涵子轩雨婷思远佳琪俊杰晓东海燕春梅立新丹阳慧嘉宁睿博雅晨');

export interface ActivityTemplate {
  category: 'community' | 'elderly' | 'children' | 'education' | 'environment' | 'health' | 'emergency' | 'culture' | 'sports_events' | 'civic';
  title: string;
  summary: string;
  skills: string[];
  hours: number;
}

export const ACTIVITY_TEMPLATES: ActivityTemplate[] = [
  { category: 'elderly', title: '敬老院陪伴聊天', summary: '陪伴院里的老人聊天、读报、下棋，让他们的周末热闹一些。', skills: ['elderly_care'], hours: 3 },
  { category: 'elderly', title: '独居老人助餐送餐', summary: '把社区食堂做好的午餐送到独居老人家中，顺便问候近况。', skills: ['driving', 'elderly_care'], hours: 2 },
  { category: 'elderly', title: '老年人智能手机课堂', summary: '手把手教老人用手机挂号、扫码、视频通话，一对一耐心讲解。', skills: ['computer', 'teaching'], hours: 2 },
  { category: 'elderly', title: '银发义剪', summary: '为社区高龄老人免费理发，需自备工具或会使用理发工具。', skills: ['elderly_care'], hours: 3 },
  { category: 'children', title: '留守儿童课业辅导', summary: '辅导小学生完成作业，陪他们阅读，做他们的大哥哥大姐姐。', skills: ['teaching'], hours: 3 },
  { category: 'children', title: '周末亲子阅读会', summary: '在图书馆组织绘本共读与手工活动，维持现场秩序。', skills: ['teaching'], hours: 2 },
  { category: 'children', title: '儿童防溺水安全课', summary: '协助讲师向孩子们讲解暑期防溺水知识，发放宣传材料。', skills: ['first_aid'], hours: 2 },
  { category: 'community', title: '垃圾分类督导', summary: '早晚投放高峰时段在投放点指导居民正确分类。', skills: [], hours: 2 },
  { category: 'community', title: '邻里节志愿服务', summary: '协助社区邻里节摆摊、签到、引导，让邻居们互相认识。', skills: ['photography'], hours: 4 },
  { category: 'community', title: '老旧小区楼道清洁', summary: '清理楼道杂物与小广告，营造整洁的居住环境。', skills: [], hours: 3 },
  { category: 'environment', title: '河道清洁行动', summary: '沿河步道拾捡垃圾，记录河道问题并反馈给河长。', skills: [], hours: 3 },
  { category: 'environment', title: '植树护绿', summary: '参与春季植树与幼苗养护，工具由主办方提供。', skills: [], hours: 4 },
  { category: 'environment', title: '湿地鸟类观测记录', summary: '跟随专业人员记录湿地鸟类种类和数量，适合细心的你。', skills: ['photography'], hours: 4 },
  { category: 'education', title: '图书馆图书整理', summary: '整理归架图书、引导读者使用自助借还设备。', skills: ['computer'], hours: 3 },
  { category: 'education', title: '公益英语角', summary: '为社区居民组织英语口语交流，欢迎外语好的志愿者。', skills: ['english', 'teaching'], hours: 2 },
  { category: 'education', title: '乡村学校支教', summary: '为乡村小学开设美术、音乐等兴趣课程。', skills: ['teaching', 'music'], hours: 6 },
  { category: 'health', title: '无偿献血引导', summary: '在献血屋引导献血者填表、休息，宣传献血知识。', skills: ['medical'], hours: 4 },
  { category: 'health', title: '社区义诊协助', summary: '协助医生测量血压、登记信息、维持义诊秩序。', skills: ['medical', 'first_aid'], hours: 3 },
  { category: 'health', title: '急救知识普及', summary: '协助红十字会讲师开展心肺复苏与AED使用培训。', skills: ['first_aid'], hours: 3 },
  { category: 'emergency', title: '防汛物资整理', summary: '汛期前清点、搬运和整理防汛物资仓库。', skills: ['driving'], hours: 4 },
  { category: 'emergency', title: '应急救护培训助教', summary: '在应急救护培训中担任助教，指导学员实操。', skills: ['first_aid'], hours: 4 },
  { category: 'emergency', title: '消防安全宣传', summary: '走进商铺和居民楼宣传消防安全，检查灭火器有效期。', skills: [], hours: 3 },
  { category: 'culture', title: '博物馆讲解', summary: '经过培训后为观众讲解展品背后的故事。', skills: ['english'], hours: 4 },
  { category: 'culture', title: '非遗文化展导览', summary: '在非遗展上为观众导览，协助传承人现场展示。', skills: ['photography'], hours: 4 },
  { category: 'culture', title: '文化礼堂活动协助', summary: '协助农村文化礼堂的文艺演出与节庆活动。', skills: ['music', 'photography'], hours: 4 },
  { category: 'sports_events', title: '马拉松赛道服务', summary: '在补给站发放饮水、维持赛道秩序、为跑者加油。', skills: ['first_aid'], hours: 5 },
  { category: 'sports_events', title: '体育场馆观众引导', summary: '在赛事期间引导观众入场、检票与疏散。', skills: ['english'], hours: 4 },
  { category: 'sports_events', title: '城市定向赛补给站', summary: '在定向赛点位发放补给、核对打卡。', skills: [], hours: 4 },
  { category: 'civic', title: '文明交通劝导', summary: '在路口劝导行人和电动车文明出行，戴好头盔。', skills: [], hours: 2 },
  { category: 'civic', title: '地铁站文明引导', summary: '早晚高峰在地铁站引导乘客有序排队、先下后上。', skills: [], hours: 2 },
  { category: 'civic', title: '反诈宣传进社区', summary: '向居民讲解常见诈骗手法，帮助老人安装反诈App。', skills: ['computer'], hours: 2 },
];

export const ORG_KINDS = [
  { kind: 'volunteer_org', suffix: '志愿者协会' },
  { kind: 'charity', suffix: '慈善总会' },
  { kind: 'community', suffix: '社区服务中心' },
  { kind: 'public_service', suffix: '图书馆' },
  { kind: 'volunteer_org', suffix: '青年志愿者服务队' },
  { kind: 'charity', suffix: '红十字会' },
] as const;
