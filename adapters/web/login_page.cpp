// The login form (/login), the only page shown before login.
#include "adapters/web/html.h"
#include "adapters/web/pages.h"

namespace cadence::web {

std::string login_page(std::string_view message) {
  std::string body;
  if (!message.empty()) body += "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>";
  body += "<form method=\"post\" action=\"/login\" class=\"login\"><label>用户名 <input name=\"name\" "
          "autocomplete=\"username\" required maxlength=\"64\"></label><label>密码 <input type=\"password\" "
          "name=\"password\" autocomplete=\"current-password\" required maxlength=\"1024\"></label>"
          "<button>登录</button></form>";
  return bare_layout("登录", body);
}

}  // namespace cadence::web
