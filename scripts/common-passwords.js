// Writes src/lib/server/auth/common-passwords.txt: the passwords people pick first, which a new password may not be.
// No network at build time, so the list is made here: the best-known entries of the public top lists, Vietnamese
// favourites, and the patterns both are built from (a word plus digits, keyboard runs, repeats).
// Entries are lower case (the check folds case and Vietnamese marks). Run: node scripts/common-passwords.js
import { writeFileSync } from 'node:fs';

const top = `123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123 football monkey
letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman 1qaz2wsx 7777777 121212
000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer harley batman andrew tigger
sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel starwars klaster 112233 george computer michelle jessica
pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua cheese amanda
summer love ashley nicole chelsea biteme matthew access yankees 987654321 dallas austin thunder taylor matrix mobilemail
mom monitor monitoring montana moon moscow 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qazxsw2 zaq12wsx zaq1zaq1 qwe123 qweasd
qweasdzxc asdf1234 asdfghjkl asdfasdf q1w2e3r4 q1w2e3r4t5 a1b2c3d4 abcd1234 abcdef abcdefg abcdefgh abc12345 password1
password12 password123 passw0rd p@ssw0rd p@ssword admin admin123 admin1234 administrator root toor guest welcome
welcome1 welcome123 login changeme secret default default123 test test123 testing user user123 demo demo123 master123
iloveyou1 iloveyou2 lovely loveme 1234qwer qwer1234 qwerty123 qwerty1234 qwerty12345 1qaz2wsx3edc 123abc 123456a
123456aa 123456abc 12345678a 12345678910 0987654321 0123456789 147258369 147258 159357 741852963 963852741 789456123
456789 123654 121314 101010 112211 123123123 11223344 00000000 99999999 88888888 12341234 qwertyu qwertyui zxcvbnm123
football1 baseball1 superman1 batman123 princess1 sunshine1 shadow1 monkey1 dragon1 master1 michael1 jordan23 ronaldo
messi cristiano neymar beckham liverpool arsenal chelsea1 manchester barcelona realmadrid juventus pokemon naruto
minecraft fortnite roblox google facebook youtube instagram samsung iphone apple microsoft windows linux hello hello123
hellokitty whatever nothing anything something secret123 freedom1 letmein1 trustno11 starwars1 killer1 pass123
pass1234 pass12345 passpass mypassword mypass yourpassword newpassword oldpassword`;

// Vietnamese: words and names people build passwords from (unaccented, as typed on a phone or a kiosk).
const vi = `matkhau matkhaumoi matkhau123 anhyeuem emyeuanh yeuem yeuanh anhyeuemnhieu emyeuanhnhieu toiyeuban yeuemnhieu
yeuanhnhieu iuem iuanh iloveu iloveyoubaby vietnam vietnamvodich hanoi saigon hochiminh danang haiphong cantho hue
nhatrang dalat vungtau bienhoa quangninh nghean thanhhoa namdinh thaibinh vinhphuc bacninh hungyen haiduong
ninhbinh hatinh quangbinh quangtri quangnam quangngai binhdinh phuyen khanhhoa daklak gialai kontum lamdong
binhduong dongnai longan tiengiang bentre vinhlong travinh soctrang baclieu camau kiengiang angiang dongthap
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly nguyenvan nguyenthi tranvan tranthi levan
lethi phamvan phamthi hoangvan hoangthi anh binh chi dung duc giang ha hai hanh hieu hoa hong hung huong huy khanh
khoa lan linh loan long mai minh my nam nga ngoc nhung phong phuong quang quynh son tam tan thanh thao thu thuy
tien trang trung tuan tung van viet vinh xuan yen thuong nhung hang huyen trinh thuylinh ngocanh minhanh tuananh
ducanh hoanganh phuonganh quocanh thanhtung thanhhuong thuhuong thuha ngoclan kimanh kimngan bichngoc
conmeo concho conheo contho conga conbo convit concua meomeo gaugau heocon meocon chocon bingbong bongbong
hoahong hoacuc hoalan hoamai hoadao muathu muaxuan muaha muadong hanhphuc binhan suckhoe thanhcong giadinh
banbe tinhyeu tinhban ngaymai homnay baomat baove quantri quanly nhanvien ketoan vanphong hanhchinh motcua
mocua tiepnhan dichvucong hopcua phuongxa ubnd ubndxa ubndphuong congan chinhphu nhanuoc daihoc sinhvien
hocsinh giaovien bacsi congty doanhnghiep dienthoai maytinh internet wifi zalo zalopay momo vietcombank
techcombank agribank vietinbank bidv sacombank mbbank tpbank vpbank acb viettel mobifone vinaphone fpt vnpt
sanhso sanhso123 trungtam trungtamhanhchinh phucvu congdan`;

const digitsOnly = [];
for (let d = 0; d <= 9; d++) for (const n of [6, 8, 10, 12]) digitsOnly.push(String(d).repeat(n));
const runs = [
	'0123456789',
	'1234567890',
	'9876543210',
	'0987654321',
	'123456789',
	'987654321',
	'01234567890',
	'12345678901',
	'123456789012',
	'1234567890123',
	'12345678900',
	'1122334455',
	'1212121212',
	'1231231231',
	'1234512345',
	'1234567812345678',
	'qwertyuiop',
	'asdfghjkl',
	'zxcvbnm',
	'qwertyuiopasdfghjkl',
	'qazwsxedc',
	'qazwsxedcrfv',
	'1qaz2wsx3edc4rfv',
	'zaq12wsxcde3',
	'!qaz2wsx',
	'1q2w3e4r5t6y7u8i',
	'1q2w3e4r5t6y7u8i9o0p',
	'q1w2e3r4t5y6',
	'qweasdzxc123',
	'aaaaaaaaaa',
	'abcabcabc',
	'abcdefghij',
	'abcdefghijk',
	'abcdefghijkl',
	'abc123abc123',
	'a123456789',
	'aa123456789',
	'abc1234567',
	'abcd123456',
	'123456789a',
	'123456789aa',
	'123456789abc',
	'1234567890a',
	'1234567890q',
	'a1234567890',
	'q1234567890',
	'123456789q',
	'123456789z',
	'0123456789a',
	'123456789@',
	'123456789!',
	'123456789.',
	'@123456789',
	'1234567890@',
	'11111111111',
	'1111111111a'
];

// The literal list: each word alone and with the endings seen most; a word with any other run of digits or symbols
// around it is caught by the check's stem rule (src/lib/server/auth/password-rules.ts), so years need no entries here.
const suffixes = [
	'',
	'1',
	'12',
	'123',
	'1234',
	'12345',
	'123456',
	'@123',
	'123@',
	'!',
	'@',
	'2025',
	'2026',
	'@2025',
	'@2026'
];

const words = [...new Set((top + ' ' + vi).split(/\s+/).filter(Boolean))];
const out = new Set([...words, ...digitsOnly, ...runs]);
for (const w of words) if (/^[a-z]+$/.test(w)) for (const s of suffixes) out.add(w + s);

const list = [...out].sort();
writeFileSync(
	new URL('../src/lib/server/auth/common-passwords.txt', import.meta.url),
	list.join('\n') + '\n'
);
console.log(`${list.length} common passwords written`);
